namespace DslAe.Model
{
    /// <summary>Normalisation kinds.</summary>
    public enum NormKind
    {
        /// <summary>Batch norm over channels (BatchNorm2d on images, BatchNorm1d on vectors).</summary>
        Batch,

        /// <summary>Group norm; the channels must be divisible by <see cref="NormSpec.Groups"/>.</summary>
        Group,

        /// <summary>Layer norm over the whole sample (C, H, W), elementwise affine.</summary>
        Layer,
    }

    /// <summary>A stage's normalisation, applied after its layer and before its activation.</summary>
    /// <param name="Kind">Which norm.</param>
    /// <param name="Groups">Groups of a group norm; ignored otherwise.</param>
    public sealed record NormSpec(NormKind Kind, int Groups = 0);
}
