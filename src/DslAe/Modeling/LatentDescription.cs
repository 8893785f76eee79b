namespace DslAe;

/// <summary>A model's latent as the compiler planned it: what <see cref="AutoencoderModule.Decode"/> takes.</summary>
/// <param name="Name">The latent stage's name.</param>
/// <param name="Kind">"Dense", "Conv", "Variational" or "Learned".</param>
/// <param name="CodeShape">One sample's code, without the batch dimension: [dims] or channels, height, width.</param>
public sealed record LatentDescription(string Name, string Kind, int[] CodeShape)
{
    /// <summary>True for a variational latent, whose prior N(0, I) <see cref="Sampling"/> draws codes from.</summary>
    public bool IsVariational => Kind == "Variational";

    /// <summary>A learned (GLO) latent's settings; null for the other kinds.</summary>
    public LearnedCodeSettings? Learned { get; init; }
}

/// <summary>How a learned (GLO) latent's codes start, learn and are fitted to new images (<see cref="LatentAttribute"/>).</summary>
/// <param name="Init">PCA of the training images, or Gaussian.</param>
/// <param name="CodeLearningRate">The codes' Adam learning rate; null: the network's.</param>
/// <param name="FitSteps">Adam steps that fit a code to an image outside the training set, the generator frozen.</param>
public sealed record LearnedCodeSettings(CodeInit Init, double? CodeLearningRate, int FitSteps);
