namespace DslAe.Model
{
    /// <summary>Flattens an image C x H x W into a vector of C·H·W features.</summary>
    public sealed record FlattenLayer : LayerSpec
    {
        /// <summary>The one instance (the kind has no arguments).</summary>
        public static FlattenLayer Instance { get; } = new();

        /// <inheritdoc />
        public override string KindName => "Flatten";
    }

    /// <summary>A fully connected layer (libtorch <c>linear</c>) on a vector.</summary>
    /// <param name="OutFeatures">Output features.</param>
    public sealed record DenseLayer(int OutFeatures) : LayerSpec
    {
        /// <summary>Whether to learn a bias.</summary>
        public bool Bias { get; init; } = Defaults.Bias;

        /// <inheritdoc />
        public override string KindName => "Dense";
    }

    /// <summary>Reshapes a vector into an image; the feature count must equal C·H·W.</summary>
    /// <param name="Channels">Channels.</param>
    /// <param name="Height">Rows.</param>
    /// <param name="Width">Columns.</param>
    public sealed record UnflattenLayer(int Channels, int Height, int Width) : LayerSpec
    {
        /// <inheritdoc />
        public override string KindName => "Unflatten";
    }

    /// <summary>
    /// No layer: the stage only applies its norm, activation, dropout or skip merge (a Dropout-only,
    /// Norm-only, Activation-only or merge-only stage).
    /// </summary>
    public sealed record IdentityLayer : LayerSpec
    {
        /// <summary>The one instance.</summary>
        public static IdentityLayer Instance { get; } = new();

        /// <inheritdoc />
        public override string KindName => "Identity";
    }
}
