using static TorchSharp.torch;

namespace DslAe;

/// <summary>New images from a trained model: codes drawn from a variational latent's prior, or from the Gaussian fitted to learned (GLO) codes, decoded.</summary>
public static class Sampling
{
    /// <summary>The latent sampling draws from (variational, or learned codes); an <see cref="ArgumentException"/> saying what to declare when it has none.</summary>
    public static LatentDescription SampledLatent(ModelDefinition model) => model.Latent switch
    {
        { IsVariational: true } latent => latent,
        { Learned: not null } latent => latent,
        { } other => throw new ArgumentException(
            $"{model.Name}: sampling draws codes from the prior of a variational latent or from a Gaussian fitted to learned (GLO) codes, and {model.Name}'s latent {other.Name} is {other.Kind}; declare it with Kind = LatentKind.Variational (YAML: kind: variational) and a Kl loss, or Kind = LatentKind.Learned, then train again"),
        null => throw new ArgumentException($"{model.Name} has no latent to sample from; declare a variational one (Kind = LatentKind.Variational, YAML: kind: variational)"),
    };

    /// <summary>
    /// Decodes <paramref name="count"/> codes drawn from N(0, I), the prior a variational latent is trained towards,
    /// reproducibly for <paramref name="seed"/>; returns the decoder's outputs, [count, C, H, W], on the CPU. The module
    /// is in evaluation mode without gradients meanwhile and goes back to its mode after. Fails, saying why, for a model
    /// whose latent is not variational: other codes have no prior to draw from.
    /// </summary>
    public static Tensor FromPrior(AutoencoderModule module, int count, long seed, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var latent = SampledLatent(module.Definition);
        using var evaluation = new Training.EvaluationMode(module);
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var codes = latent.Learned is not null
            ? LearnedCodes.SampleFromFittedGaussian(module, count, seed).to(device)
            : randn([count, .. latent.CodeShape.Select(d => (long)d)], generator: generator).to(device);
        return module.Decode(codes).cpu().MoveToOuterDisposeScope();
    }
}
