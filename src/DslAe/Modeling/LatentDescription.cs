namespace DslAe;

/// <summary>A model's latent as the compiler planned it: what <see cref="AutoencoderModule.Decode"/> takes.</summary>
/// <param name="Name">The latent stage's name.</param>
/// <param name="Kind">"Dense", "Conv", "Variational" or "Learned".</param>
/// <param name="CodeShape">One sample's code, without the batch dimension: [dims] or channels, height, width.</param>
public sealed record LatentDescription(string Name, string Kind, int[] CodeShape)
{
    /// <summary>True for a variational latent, whose prior N(0, I) <see cref="Sampling"/> draws codes from.</summary>
    public bool IsVariational => Kind == "Variational";
}
