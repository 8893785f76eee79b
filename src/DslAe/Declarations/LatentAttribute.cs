namespace DslAe;

/// <summary>
/// The latent code between encoder and decoder: stages declared before it form the encoder, those after
/// it the decoder. <paramref name="size"/> is the code's dimension (channels for <see cref="LatentKind.Conv"/>).
/// </summary>
/// <param name="size">The code's dimension (channels for <see cref="LatentKind.Conv"/>).</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class LatentAttribute(int size) : Attribute
{
    /// <summary>The code's dimension (channels for <see cref="LatentKind.Conv"/>).</summary>
    public int Size { get; } = size;
    /// <summary>The kind of code; default <see cref="LatentKind.Dense"/>.</summary>
    public LatentKind Kind { get; set; }
    /// <summary><see cref="LatentKind.Learned"/>: shape (C, H, W) the code is projected to before the decoder.</summary>
    public int[]? ProjectTo { get; set; }
    /// <summary><see cref="LatentKind.Learned"/>: learning rate of the codes (GLO uses a larger one than the network's).</summary>
    public double CodeLr { get; set; }
    /// <summary><see cref="LatentKind.Learned"/>: how the codes start (GLO reports PCA as crucial).</summary>
    public CodeInit Init { get; set; }
    /// <summary><see cref="LatentKind.Learned"/>: Adam steps that fit a code to an image outside the training set
    /// (evaluation, reconstruct, score), the generator frozen; default 50.</summary>
    public int FitSteps { get; set; }
}
