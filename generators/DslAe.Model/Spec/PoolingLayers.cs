namespace DslAe.Model
{
    /// <summary>2-D max pooling (libtorch <c>max_pool2d</c> / <c>max_pool2d_with_indices</c>).</summary>
    /// <param name="Kernel">Window size.</param>
    public sealed record MaxPoolLayer(int Kernel) : LayerSpec
    {
        /// <summary>Stride; null means the kernel size, as in libtorch.</summary>
        public int? Stride { get; init; }

        /// <summary>Implicit -inf padding on every side; at most kernel / 2.</summary>
        public int Padding { get; init; } = Defaults.PoolPadding;

        /// <summary>Dilation of the window.</summary>
        public int Dilation { get; init; } = Defaults.Dilation;

        /// <summary>Round the output size up (the last window must still start inside the input or left padding).</summary>
        public bool CeilMode { get; init; }

        /// <summary>Keep the argmax indices so a <see cref="MaxUnpoolLayer"/> can undo this pooling.</summary>
        public bool KeepIndices { get; init; }

        /// <inheritdoc />
        public override string KindName => "MaxPool";
    }

    /// <summary>2-D average pooling (libtorch <c>avg_pool2d</c>).</summary>
    /// <param name="Kernel">Window size.</param>
    public sealed record AvgPoolLayer(int Kernel) : LayerSpec
    {
        /// <summary>Stride; null means the kernel size.</summary>
        public int? Stride { get; init; }

        /// <summary>Zero padding on every side; at most kernel / 2.</summary>
        public int Padding { get; init; } = Defaults.PoolPadding;

        /// <summary>Round the output size up.</summary>
        public bool CeilMode { get; init; }

        /// <summary>Count the zero padding in the divisor.</summary>
        public bool CountIncludePad { get; init; } = Defaults.CountIncludePad;

        /// <inheritdoc />
        public override string KindName => "AvgPool";
    }

    /// <summary>
    /// Max unpooling (libtorch <c>max_unpool2d</c>) with the indices of the named
    /// <see cref="MaxPoolLayer"/> stage; the output size is that stage's input size, so odd sizes
    /// come back exactly.
    /// </summary>
    /// <param name="Of">Name of a max-pooling stage with <see cref="MaxPoolLayer.KeepIndices"/> set.</param>
    public sealed record MaxUnpoolLayer(string Of) : LayerSpec
    {
        /// <inheritdoc />
        public override string KindName => "MaxUnpool";
    }
}
