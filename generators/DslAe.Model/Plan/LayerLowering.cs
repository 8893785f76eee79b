namespace DslAe.Model
{
    /// <summary>
    /// The libtorch arguments of a stage's layer, computed by shape inference so the emitter writes
    /// them verbatim and does no arithmetic. One record per layer kind. Pairs are (height, width).
    /// </summary>
    public abstract record LayerLowering
    {
        /// <summary>Only this library defines lowerings.</summary>
        private protected LayerLowering()
        {
        }
    }

    /// <summary>
    /// <c>conv2d(PrePad is null ? x : pad(x, PrePad), weight[Out, In/Groups, K, K], bias, Stride,
    /// (PaddingHeight, PaddingWidth), Dilation, Groups)</c>. <c>same</c> with an uneven total padding
    /// becomes an explicit asymmetric <see cref="PrePad"/> (extra row/column at the bottom/right) and padding 0.
    /// </summary>
    public sealed record ConvLowering(
        int InChannels, int OutChannels, int Kernel, int Stride, int PaddingHeight, int PaddingWidth,
        int Dilation, int Groups, bool Bias, Pad2d? PrePad) : LayerLowering;

    /// <summary>
    /// <c>conv_transpose2d(x, weight[In, Out/Groups, K, K], bias, Stride, (PaddingHeight, PaddingWidth),
    /// (OutputPaddingHeight, OutputPaddingWidth), Groups, Dilation)</c>, then <c>pad(y, PostPad)</c>
    /// when set (negative entries crop: the one case libtorch's padding cannot express).
    /// </summary>
    public sealed record ConvTransposeLowering(
        int InChannels, int OutChannels, int Kernel, int Stride, int PaddingHeight, int PaddingWidth,
        int OutputPaddingHeight, int OutputPaddingWidth, int Dilation, int Groups, bool Bias, Pad2d? PostPad) : LayerLowering;

    /// <summary><c>max_pool2d(_with_indices)(x, Kernel, Stride, Padding, Dilation, CeilMode)</c>.</summary>
    public sealed record MaxPoolLowering(int Kernel, int Stride, int Padding, int Dilation, bool CeilMode, bool KeepIndices) : LayerLowering;

    /// <summary><c>avg_pool2d(x, Kernel, Stride, Padding, CeilMode, CountIncludePad)</c>.</summary>
    public sealed record AvgPoolLowering(int Kernel, int Stride, int Padding, bool CeilMode, bool CountIncludePad) : LayerLowering;

    /// <summary><c>max_unpool2d(x, indices of PoolStage, (OutputHeight, OutputWidth))</c>; kernel, stride and padding are the pool's.</summary>
    public sealed record MaxUnpoolLowering(string PoolStage, int Kernel, int Stride, int Padding, int OutputHeight, int OutputWidth) : LayerLowering;

    /// <summary><c>interpolate(x, size: (OutputHeight, OutputWidth), Mode, AlignCorners)</c>; AlignCorners is null for nearest.</summary>
    public sealed record UpsampleLowering(UpsampleMode Mode, int OutputHeight, int OutputWidth, bool? AlignCorners) : LayerLowering;

    /// <summary><c>pixel_shuffle(x, Factor)</c>.</summary>
    public sealed record PixelShuffleLowering(int Factor) : LayerLowering;

    /// <summary><c>ZeroUnpooling.Insert(x, Factor)</c>: each value at the top-left of a Factor x Factor block of zeros.</summary>
    public sealed record ZeroUnpoolLowering(int Factor) : LayerLowering;

    /// <summary><c>flatten(x, 1)</c> into <see cref="Features"/> values per sample.</summary>
    public sealed record FlattenLowering(int Features) : LayerLowering;

    /// <summary><c>linear(x, weight[Out, In], bias)</c>.</summary>
    public sealed record DenseLowering(int InFeatures, int OutFeatures, bool Bias) : LayerLowering;

    /// <summary><c>x.reshape(-1, Channels, Height, Width)</c>.</summary>
    public sealed record UnflattenLowering(int Channels, int Height, int Width) : LayerLowering;

    /// <summary>No layer.</summary>
    public sealed record IdentityLowering : LayerLowering
    {
        /// <summary>The one instance.</summary>
        public static IdentityLowering Instance { get; } = new();
    }
}
