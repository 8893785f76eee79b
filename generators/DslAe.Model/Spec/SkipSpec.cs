namespace DslAe.Model
{
    /// <summary>How a skip joins the main path.</summary>
    public enum MergeKind
    {
        /// <summary>Concatenate along channels: spatial sizes must match, channels add up (U-Net).</summary>
        Concat,

        /// <summary>Elementwise sum: shapes must match exactly (residual, ladder).</summary>
        Add,
    }

    /// <summary>What a skip carries.</summary>
    public enum SkipFilter
    {
        /// <summary>The source stage's output as it is.</summary>
        None,

        /// <summary>Only the high frequencies <c>x - up(avg_pool(x))</c>, so the low ones must cross the bottleneck.</summary>
        HighPass,
    }

    /// <summary>
    /// A skip connection: the output of the stage named <see cref="From"/> (an earlier stage) is
    /// merged into this stage's input before its layer runs.
    /// </summary>
    /// <param name="From">Name of the source stage.</param>
    public sealed record SkipSpec(string From) : SpecElement
    {
        /// <summary>Concat or add.</summary>
        public MergeKind Merge { get; init; } = Defaults.Merge;

        /// <summary>Optional high-pass filter on the skipped tensor.</summary>
        public SkipFilter Filter { get; init; }
    }
}
