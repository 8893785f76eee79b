namespace DslAe.Model
{
    /// <summary>
    /// A stage's norm: BatchNorm2d(Channels) (BatchNorm1d on a vector), GroupNorm(Groups, Channels),
    /// or LayerNorm(NormalizedShape) — the stage's output shape.
    /// </summary>
    public sealed record NormLowering(NormKind Kind, int Channels, int Groups, Shape NormalizedShape, bool OnVector);

    /// <summary>
    /// The skip merged into a stage's input. Concat is <c>cat([main, skip], dim: 1)</c> (main path
    /// first); add is <c>main + skip</c>.
    /// </summary>
    public sealed record SkipLowering(string From, MergeKind Merge, Shape SourceShape, HighPassLowering? HighPass)
    {
        /// <summary>The skip reads the model's input (<see cref="Defaults.InputSkipSource"/>), not a stage's output.</summary>
        public bool ReadsInput { get; init; }
    }

    /// <summary>
    /// The high-pass filter on a skip: <c>x - interpolate(avg_pool2d(x, PoolKernel, PoolKernel),
    /// size: (OutputHeight, OutputWidth), Mode, align_corners: false)</c>; the pooled map is
    /// PooledHeight x PooledWidth.
    /// </summary>
    public sealed record HighPassLowering(int PoolKernel, int PooledHeight, int PooledWidth, UpsampleMode Mode, int OutputHeight, int OutputWidth);

    /// <summary>
    /// A tied weight: the stage uses <c>Source</c>'s weight — as is for a ConvTranspose tied to a
    /// Conv (conv_transpose2d reads [In, Out/Groups, K, K], the conv's own layout), transposed
    /// (<c>weight.t()</c>) for Dense tied to Dense.
    /// </summary>
    public sealed record TiedLowering(string Source, bool Transpose);
}
