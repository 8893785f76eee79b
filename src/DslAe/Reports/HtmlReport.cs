using System.Globalization;
using System.Net;
using System.Text;
using DslAe.Metrics;

namespace DslAe.Reports;

/// <summary>
/// report.html of a run folder: status, the model summary, test metrics, the per-epoch metrics table, the loss
/// curve and the latest reconstructions grid (with links to every epoch's). Plain HTML with relative links, so
/// the folder can be copied or served as it is. Rewritten after every epoch.
/// </summary>
public static class HtmlReport
{
    /// <summary>Writes (or replaces, through a temporary file) the report of <paramref name="run"/>, reading its metrics and images.</summary>
    /// <param name="run">The run folder the report describes and is written to.</param>
    /// <param name="model">The model's name, the page's title.</param>
    /// <param name="summary">The model summary text, shown as it is.</param>
    /// <param name="status">A line on where the run stands.</param>
    /// <param name="test">Test-set metrics, when the run has them.</param>
    /// <param name="caption">What the rows of the epoch images are; null: inputs above outputs.</param>
    public static void Write(RunFolder run, string model, string summary, string status, EvaluationMetrics? test, string? caption = null)
    {
        caption ??= ReconstructionGrid.Caption(TargetDescription.Reconstruction([]));
        var epochs = MetricsLog.ReadEpochs(run.MetricsFile);
        var images = Directory.Exists(run.ImagesFolder)
            ? Directory.GetFiles(run.ImagesFolder, "reconstructions-epoch-*.png").Order(StringComparer.Ordinal).ToList()
            : [];
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{E(model)} — DslAe run</title>
            <style>
            body {"{"} font-family: sans-serif; margin: 2em; max-width: 1100px; {"}"}
            table {"{"} border-collapse: collapse; margin: 1em 0; {"}"}
            td, th {"{"} border: 1px solid #ccc; padding: 3px 8px; text-align: right; {"}"}
            th {"{"} background: #f3f3f3; {"}"}
            pre {"{"} background: #f7f7f7; padding: 1em; {"}"}
            .best {"{"} background: #eaf6ea; {"}"}
            </style></head><body>
            <h1>{E(model)}</h1>
            <p>{E(status)}</p>
            <p>Run folder: <code>{E(run.Path)}</code></p>

            """);
        if (test is not null)
            html.Append(Inv($"<h2>Test</h2>\n<p>{E(test.Describe())} · loss {test.Loss:0.00000} over {test.Samples} images</p>\n"));
        html.Append("<h2>Loss</h2>\n<img src=\"loss.svg\" alt=\"loss curve\">\n");
        if (images.Count > 0)
        {
            var latest = Path.GetRelativePath(run.Path, images[^1]).Replace('\\', '/');
            html.Append($"<h2>Outputs</h2>\n<p>{E(caption)} ({E(Path.GetFileName(images[^1]))}).</p>\n<img src=\"{E(latest)}\" alt=\"reconstructions\">\n<p>");
            html.Append(string.Join(" · ", images.Select(i => $"<a href=\"{E(Path.GetRelativePath(run.Path, i).Replace('\\', '/'))}\">{E(Path.GetFileNameWithoutExtension(i))}</a>")));
            html.Append("</p>\n");
        }
        html.Append("<h2>Epochs</h2>\n");
        html.Append(MetricsTable(epochs));
        html.Append($"<h2>Model</h2>\n<pre>{E(summary)}</pre>\n");
        html.Append("<p>Files: <a href=\"metrics.jsonl\">metrics.jsonl</a> · <a href=\"steps.jsonl\">steps.jsonl</a> · <a href=\"summary.txt\">summary.txt</a> · <a href=\"checkpoints/\">checkpoints/</a></p>\n</body></html>\n");
        var temp = run.ReportFile + ".tmp";
        File.WriteAllText(temp, html.ToString());
        File.Move(temp, run.ReportFile, overwrite: true);
    }

    private static string MetricsTable(IReadOnlyList<EpochRecord> epochs)
    {
        if (epochs.Count == 0) return "<p>No epoch finished yet.</p>\n";
        var terms = epochs.SelectMany(e => e.Validation.Terms.Keys).Distinct().ToList();
        var html = new StringBuilder("<table>\n<tr><th>epoch</th><th>step</th><th>lr</th><th>s</th><th>ms/step</th><th>train loss</th>");
        // Loss terms are labelled as losses ("val loss: mse"), apart from the image metrics ("val MSE") they may share a name with.
        foreach (var t in terms) html.Append($"<th>val loss: {E(t)}</th>");
        // The target's metrics: MSE, PSNR and SSIM for images, accuracy for labels, pixel accuracy and mean IoU for maps.
        var metrics = epochs.SelectMany(e => e.Validation.MetricValues().Select(m => m.Key)).Distinct().ToList();
        html.Append("<th>val loss</th>");
        foreach (var m in metrics) html.Append($"<th>val {E(MetricLabel(m))}</th>");
        html.Append("</tr>\n");
        foreach (var e in epochs)
        {
            html.Append(e.Best ? "<tr class=\"best\">" : "<tr>");
            html.Append(Inv($"<td>{e.Epoch}</td><td>{e.Step}</td><td>{Num(e.LearningRate, "G3")}</td><td>{Num(e.Seconds, "0.0")}</td><td>{Num(e.StepMilliseconds, "0.00")}</td><td>{Num(e.Train?.Loss ?? double.NaN, "0.00000")}</td>"));
            foreach (var t in terms) html.Append($"<td>{Num(e.Validation.Terms.GetValueOrDefault(t, double.NaN), "0.00000")}</td>");
            html.Append($"<td>{Num(e.Validation.Loss, "0.00000")}</td>");
            var values = e.Validation.MetricValues().ToDictionary(kv => kv.Key, kv => kv.Value);
            foreach (var m in metrics) html.Append($"<td>{Num(values.GetValueOrDefault(m, double.NaN), m.Contains("psnr") ? "0.00" : m == "mse" ? "0.00000" : "0.0000")}</td>");
            html.Append("</tr>\n");
        }
        return html.Append("</table>\n").ToString();
    }

    private static string MetricLabel(string key) => key switch
    {
        "mse" => "MSE",
        "psnr" => "PSNR",
        "ssim" => "SSIM",
        "bicubic_psnr" => "bicubic PSNR",
        "bicubic_ssim" => "bicubic SSIM",
        "mean_iou" => "mean IoU",
        _ => key,
    };

    private static string Num(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
