using System.Globalization;
using System.Net;
using System.Text;

namespace DslAe.Reports;

/// <summary>
/// The loss curve as an SVG: the running training loss (steps.jsonl) as a line, the validation loss of each
/// epoch (metrics.jsonl) as points joined by a dashed line, against the optimiser step.
/// </summary>
public static class LossCurveSvg
{
    private const int Width = 640, Height = 360, Left = 70, Right = 20, Top = 30, Bottom = 45;

    /// <summary>
    /// The SVG document of <paramref name="steps"/>' running losses and <paramref name="epochs"/>' validation losses
    /// under <paramref name="title"/>. The loss axis is logarithmic when all losses are positive and span more than a
    /// factor of 10; non-finite losses are left out.
    /// </summary>
    public static string Render(string title, IReadOnlyList<StepRecord> steps, IReadOnlyList<EpochRecord> epochs)
    {
        var train = steps.Where(s => double.IsFinite(s.Loss)).Select(s => ((double)s.Step, s.Loss)).ToList();
        var validation = epochs.Where(e => double.IsFinite(e.Validation.Loss)).Select(e => ((double)e.Step, e.Validation.Loss)).ToList();
        var all = train.Concat(validation).ToList();
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Inv($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{WebUtility.HtmlEncode(title)}</text>\n"));
        if (all.Count == 0)
        {
            svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">no losses recorded yet</text>\n</svg>\n"));
            return svg.ToString();
        }
        var (xMin, xMax) = (all.Min(p => p.Item1), all.Max(p => p.Item1));
        var (yMin, yMax) = (all.Min(p => p.Item2), all.Max(p => p.Item2));
        if (xMax <= xMin) xMax = xMin + 1;
        // Losses often fall by orders of magnitude (the untrained loss is the first point): then a log axis.
        var logScale = yMin > 0 && yMax / yMin > 10;
        double Scale(double y) => logScale ? Math.Log10(y) : y;
        double Unscale(double v) => logScale ? Math.Pow(10, v) : v;
        var (lo, hi) = (Scale(yMin), Scale(yMax));
        var pad = (hi - lo) * 0.05;
        (lo, hi) = (logScale ? lo - pad : Math.Max(0, lo - pad), hi + pad);
        if (hi <= lo) hi = lo + 1;
        double X(double x) => Left + (x - xMin) / (xMax - xMin) * (Width - Left - Right);
        double Y(double y) => Height - Bottom - (Scale(y) - lo) / (hi - lo) * (Height - Top - Bottom);

        // Axes with five ticks each.
        svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n"));
        svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n"));
        for (var i = 0; i <= 4; i++)
        {
            var xv = xMin + (xMax - xMin) * i / 4;
            var yv = Unscale(lo + (hi - lo) * i / 4);
            svg.Append(Inv($"<text x=\"{X(xv):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{xv:0}</text>\n"));
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{Y(yv):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(yv):0.#}\" stroke=\"#e5e5e5\"/>\n"));
            svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{Y(yv) + 4:0.#}\" text-anchor=\"end\">{yv:G3}</text>\n"));
        }
        svg.Append(Inv($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">step</text>\n"));
        svg.Append(Inv($"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\">{(logScale ? "loss (log scale)" : "loss")}</text>\n"));

        if (train.Count > 0)
            svg.Append(Inv($"<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"{string.Join(" ", train.Select(p => Inv($"{X(p.Item1):0.##},{Y(p.Item2):0.##}")))}\"/>\n"));
        if (validation.Count > 0)
        {
            svg.Append(Inv($"<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"5,4\" points=\"{string.Join(" ", validation.Select(p => Inv($"{X(p.Item1):0.##},{Y(p.Item2):0.##}")))}\"/>\n"));
            foreach (var p in validation)
                svg.Append(Inv($"<circle cx=\"{X(p.Item1):0.##}\" cy=\"{Y(p.Item2):0.##}\" r=\"3.5\" fill=\"#d62728\"/>\n"));
        }
        // Legend.
        svg.Append(Inv($"<line x1=\"{Width - 190}\" y1=\"{Top + 8}\" x2=\"{Width - 165}\" y2=\"{Top + 8}\" stroke=\"#1f77b4\" stroke-width=\"2\"/><text x=\"{Width - 160}\" y=\"{Top + 12}\">training (running)</text>\n"));
        svg.Append(Inv($"<circle cx=\"{Width - 178}\" cy=\"{Top + 26}\" r=\"3.5\" fill=\"#d62728\"/><text x=\"{Width - 160}\" y=\"{Top + 30}\">validation</text>\n"));
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
