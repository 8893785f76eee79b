using System.Globalization;

namespace DslAe.Model
{
    /// <summary>How messages print layers, sizes and weight shapes (invariant culture throughout).</summary>
    internal static class Describe
    {
        public static string Layer(LayerSpec layer) => layer switch
        {
            ConvLayer c => Format("Conv(kernel {0}, stride {1}, padding {2}{3})", c.Kernel, c.Stride, c.Padding, c.Dilation == 1 ? string.Empty : ", dilation " + c.Dilation),
            ConvTransposeLayer t => Format("ConvTranspose(kernel {0}, stride {1}, padding {2}{3}{4})", t.Kernel, t.Stride, t.Padding, t.OutputPadding is { } op ? ", output padding " + op : string.Empty, t.Dilation == 1 ? string.Empty : ", dilation " + t.Dilation),
            MaxPoolLayer m => Format("MaxPool(kernel {0}, stride {1}, padding {2}{3}{4})", m.Kernel, m.Stride ?? m.Kernel, m.Padding, m.Dilation == 1 ? string.Empty : ", dilation " + m.Dilation, m.CeilMode ? ", ceil mode" : string.Empty),
            AvgPoolLayer a => Format("AvgPool(kernel {0}, stride {1}, padding {2}{3})", a.Kernel, a.Stride ?? a.Kernel, a.Padding, a.CeilMode ? ", ceil mode" : string.Empty),
            UpsampleLayer u => u.Scale is { } scale ? Format("Upsample(scale {0})", scale) : "Upsample",
            PixelShuffleLayer p => Format("PixelShuffle({0})", p.Factor),
            ZeroUnpoolLayer z => Format("ZeroUnpool({0})", z.Factor),
            _ => layer.KindName,
        };

        /// <summary>What a target is, in a message: "the input image", "a class label per pixel".</summary>
        public static string Target(TargetSpec target) => target.Kind switch
        {
            TargetKind.Labels => "a class label per image",
            TargetKind.PixelLabels => "a class label per pixel",
            TargetKind.Image => "a paired image",
            _ => "the input image",
        };

        public static string Spatial(long height, long width) => Format("{0}x{1}", height, width);

        public static string Image(long channels, long height, long width) => Format("{0}x{1}x{2}", channels, height, width);

        public static string Weight(params long[] dimensions) => string.Join("x", System.Array.ConvertAll(dimensions, d => d.ToString(CultureInfo.InvariantCulture)));

        /// <summary>"1 row(s) and 2 column(s)", "2 row(s)", "1 column(s)".</summary>
        public static string RowsAndColumns(long rows, long columns) =>
            rows > 0 && columns > 0 ? Format("{0} row(s) and {1} column(s)", rows, columns)
            : rows > 0 ? Format("{0} row(s)", rows)
            : Format("{0} column(s)", columns);

        /// <summary>"a Conv", "an AvgPool": the indefinite article for a kind name (all of which are spelled as pronounced).</summary>
        public static string WithArticle(string kind) =>
            (kind.Length > 0 && "AEIOUaeiou".IndexOf(kind[0]) >= 0 ? "an " : "a ") + kind;

        /// <summary>"1 encoder stage", "2 encoder stages".</summary>
        public static string Count(long n, string noun) => Format("{0} {1}{2}", n, noun, n == 1 ? string.Empty : "s");

        public static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
    }
}
