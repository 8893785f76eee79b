using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DslAe;

/// <summary>
/// Losses on the features of a frozen network φ (Johnson et al.; Gatys et al.): φ_j is the output of encoder stage j.
/// The output's features keep their graph back to the output (φ's own weights take no gradient); the target's are
/// computed without one.
/// </summary>
public static class FeatureLosses
{
    /// <summary>Σ_j ‖φ_j(ŷ) − φ_j(y)‖²₂ / (C_j·H_j·W_j), averaged over the batch: the mean squared error of each stage's features, summed.</summary>
    public static Tensor Perceptual(AutoencoderModule network, Tensor output, Tensor target, string[] stages)
    {
        var (ours, theirs) = Features(network, output, target, stages);
        var total = F.mse_loss(ours[0], theirs[0]);
        for (var j = 1; j < stages.Length; j++) total = total + F.mse_loss(ours[j], theirs[j]);
        return total;
    }

    /// <summary>Σ_j ‖G_j(ŷ) − G_j(y)‖²_F with the Gram matrix G = ψψᵀ / (C·H·W), ψ the features as C x (H·W); averaged over the batch.</summary>
    public static Tensor Style(AutoencoderModule network, Tensor output, Tensor target, string[] stages)
    {
        var (ours, theirs) = Features(network, output, target, stages);
        var total = StyleTerm(ours[0], theirs[0]);
        for (var j = 1; j < stages.Length; j++) total = total + StyleTerm(ours[j], theirs[j]);
        return total;
    }

    /// <summary>The Gram matrices of features [N, C, H, W] (or [N, C] vectors, as 1x1 maps): [N, C, C], divided by C·H·W.</summary>
    public static Tensor Gram(Tensor features)
    {
        var psi = features.flatten(2);
        var (channels, positions) = (psi.size(1), psi.size(2));
        return psi.matmul(psi.transpose(1, 2)) / (channels * positions);
    }

    private static Tensor StyleTerm(Tensor ours, Tensor theirs) => (Gram(ours) - Gram(theirs)).square().sum([1, 2]).mean();

    private static (Tensor[] Ours, Tensor[] Theirs) Features(AutoencoderModule network, Tensor output, Tensor target, string[] stages)
    {
        if (stages.Length == 0) throw new ArgumentException("a feature loss needs at least one stage", nameof(stages));
        var ours = Found(network, network.EncoderFeatures(output, stages), stages);
        Tensor[] theirs;
        using (no_grad())
        {
            theirs = Found(network, network.EncoderFeatures(target, stages), stages);
        }
        // Vectors (after a Flatten or Dense) compare as C x 1 x 1 maps.
        return (ours.Select(AsMap).ToArray(), theirs.Select(AsMap).ToArray());
    }

    private static Tensor AsMap(Tensor t) => t.dim() == 2 ? t.reshape(t.size(0), t.size(1), 1, 1) : t;

    private static Tensor[] Found(AutoencoderModule network, Tensor?[] features, string[] stages)
    {
        for (var i = 0; i < stages.Length; i++)
            if (features[i] is null)
                throw new ArgumentException($"{network.Definition.Name} has no encoder stage {stages[i]} to take features from");
        return features!;
    }
}
