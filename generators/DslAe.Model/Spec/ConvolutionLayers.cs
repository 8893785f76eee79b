namespace DslAe.Model
{
    /// <summary>2-D convolution (libtorch <c>conv2d</c>).</summary>
    /// <param name="OutChannels">Output channels.</param>
    /// <param name="Kernel">Kernel size.</param>
    public sealed record ConvLayer(int OutChannels, int Kernel) : LayerSpec
    {
        /// <summary>Stride.</summary>
        public int Stride { get; init; } = Defaults.Stride;

        /// <summary>Padding; <c>same</c> gives out = ceil(in / stride), also for stride &gt; 1.</summary>
        public Padding Padding { get; init; } = Defaults.Padding;

        /// <summary>Dilation.</summary>
        public int Dilation { get; init; } = Defaults.Dilation;

        /// <summary>Groups; in and out channels must both be divisible by it.</summary>
        public int Groups { get; init; } = Defaults.Groups;

        /// <summary>Whether to learn a bias.</summary>
        public bool Bias { get; init; } = Defaults.Bias;

        /// <inheritdoc />
        public override string KindName => "Conv";
    }

    /// <summary>2-D transposed convolution (libtorch <c>conv_transpose2d</c>).</summary>
    /// <param name="OutChannels">Output channels.</param>
    /// <param name="Kernel">Kernel size.</param>
    public sealed record ConvTransposeLayer(int OutChannels, int Kernel) : LayerSpec
    {
        /// <summary>Stride.</summary>
        public int Stride { get; init; } = Defaults.Stride;

        /// <summary>
        /// Padding. <c>same</c> without <see cref="OutputPadding"/> gives out = in · stride (Keras);
        /// <c>same</c> with an output padding uses padding k_eff / 2 as Keras does.
        /// </summary>
        public Padding Padding { get; init; } = Defaults.Padding;

        /// <summary>Extra rows/columns at the bottom/right; must be smaller than stride or dilation. Null: not given.</summary>
        public int? OutputPadding { get; init; }

        /// <summary>Dilation.</summary>
        public int Dilation { get; init; } = Defaults.Dilation;

        /// <summary>Groups; in and out channels must both be divisible by it.</summary>
        public int Groups { get; init; } = Defaults.Groups;

        /// <summary>Whether to learn a bias.</summary>
        public bool Bias { get; init; } = Defaults.Bias;

        /// <inheritdoc />
        public override string KindName => "ConvTranspose";
    }
}
