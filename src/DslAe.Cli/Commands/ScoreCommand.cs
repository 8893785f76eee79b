using System.CommandLine;
using System.Globalization;
using System.Text;
using DslAe.Data;
using DslAe.Metrics;
using DslAe.Training;

namespace DslAe.Cli.Commands;

/// <summary>
/// <c>score</c>: per-image anomaly scores (reconstruction MSE and 1 − SSIM) of the test set, as CSV; with
/// <c>--anomalous-class k</c> on Fashion-MNIST, the AUROC of each score for telling class k from the others.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create(CliOptions o, CliContext context)
    {
        var anomalous = new Option<int?>("--anomalous-class")
        {
            Description = "Fashion-MNIST class (0-9) whose test images count as anomalous: prints each score's AUROC",
            CustomParser = CliOptions.ParseClass,
        };
        var command = new Command("score", "Write per-image anomaly scores (reconstruction MSE and 1 - SSIM) of the test set as CSV; with --anomalous-class, their AUROC")
        {
            o.Model, o.Checkpoint, o.Device, o.Data, o.Out, o.Limit, o.Threads, anomalous,
        };
        command.SetAction(parse =>
        {
            var model = ModelChoice.Resolve(parse.GetValue(o.Model));
            if (model.Target.Kind != TargetKind.Input)
                throw new ArgumentException($"score measures how well a model reconstructs its input, but {model.Name} compares its output with {model.Target}; score a reconstruction model (one without a target)");
            var settings = ModelChoice.Settings(model, parse, o);
            var path = OutputFile.Check(parse.GetValue(o.Out), $"{model.Name}-scores.csv");
            var dataOption = parse.GetValue(o.Data);
            var anomalousClass = parse.GetValue(anomalous);
            var folder = DataSources.FashionMnistFolder(settings, dataOption);
            if (anomalousClass is not null && folder is null)
                throw new ArgumentException("--anomalous-class needs Fashion-MNIST's test labels; the data is a folder of images without them");
            var weights = ModelChoice.WeightsFile(model, parse.GetValue(o.Checkpoint));
            using var loaded = LoadedModel.Load(model, weights, parse.GetValue(o.Device), parse.GetValue(o.Threads));
            using var data = DataSources.Load(settings, model.InputShape, model.Name, dataOption, parse.GetValue(o.Limit));
            var (name, set) = data.Test is { } test ? ("test", test) : ("validation", data.Validation);
            var labels = folder is not null && data.Test is not null ? FashionMnist.LoadTestLabels(folder) : null;
            var scores = AnomalyScoring.Score(loaded.Module, set, loaded.Device);

            var csv = new StringBuilder("index,label,mse,ssim_error\n");
            for (var i = 0; i < scores.Count; i++)
                csv.Append(CultureInfo.InvariantCulture, $"{i},{(labels is null ? "" : labels[i].ToString(CultureInfo.InvariantCulture))},{scores[i].Mse:G9},{scores[i].SsimError:G9}\n");
            File.WriteAllText(path, csv.ToString());
            context.Output.WriteLine($"scored {scores.Count} {name} images of {set.Source} with {weights}: {Path.GetFullPath(path)}");

            if (anomalousClass is { } k)
            {
                var isAnomalous = labels!.Take(scores.Count).Select(l => l == k).ToList();
                var mse = Auroc.Of(scores.Select(s => s.Mse).ToList(), isAnomalous);
                var ssim = Auroc.Of(scores.Select(s => s.SsimError).ToList(), isAnomalous);
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"AUROC, class {k} anomalous ({isAnomalous.Count(a => a)} of {scores.Count} images): MSE {mse:0.0000}, 1 - SSIM {ssim:0.0000}"));
            }
            return 0;
        });
        return command;
    }
}
