namespace DslAe.Model
{
    /// <summary>
    /// One named stage of the encoder, decoder or discriminator. Order of operations:
    /// merge the skip (if any) into the incoming tensor, apply <see cref="Layer"/>, then
    /// <see cref="Norm"/>, <see cref="Activation"/> and <see cref="Dropout"/>.
    /// Argument locations use <see cref="ArgumentNames"/> (e.g. <c>LocationOf("Stride")</c>).
    /// </summary>
    /// <param name="Name">Unique name within the model (used by skips, unpooling, ties, losses).</param>
    /// <param name="Layer">The operation.</param>
    public sealed record StageSpec(string Name, LayerSpec Layer) : SpecElement
    {
        /// <summary>Normalisation after the layer.</summary>
        public NormSpec? Norm { get; init; }

        /// <summary>Activation after the norm.</summary>
        public ActivationSpec Activation { get; init; } = ActivationSpec.None;

        /// <summary>Dropout probability after the activation, in [0, 1); 0 means none.</summary>
        public double Dropout { get; init; }

        /// <summary>Skip merged into this stage's input.</summary>
        public SkipSpec? Skip { get; init; }

        /// <summary>
        /// Name of an encoder stage whose weight this decoder stage uses transposed (Conv with
        /// ConvTranspose, Dense with Dense). The stage keeps its own bias.
        /// </summary>
        public string? TiedTo { get; init; }
    }
}
