using System.CommandLine;
using DslAe.Data;
using DslAe.Reports;
using DslAe.Training;

namespace DslAe.Cli.Commands;

/// <summary><c>reconstruct</c>: a PNG grid of test images (top) and their reconstructions (bottom).</summary>
internal static class ReconstructCommand
{
    public static Command Create(CliOptions o, CliContext context)
    {
        var command = new Command("reconstruct", "Write a PNG grid: images on top, the model's reconstructions below")
        {
            o.Model, o.Checkpoint, o.Device, o.Data, o.Out, o.Count, o.Seed,
        };
        command.SetAction(parse =>
        {
            var model = ModelChoice.Resolve(parse.GetValue(o.Model));
            var settings = ModelChoice.Settings(model, parse, o);
            var path = OutputFile.Check(parse.GetValue(o.Out), $"{model.Name}-reconstructions.png");
            var count = parse.GetValue(o.Count);
            if (count <= 0) throw new ArgumentException($"--count must be positive; got {count}");
            var weights = ModelChoice.WeightsFile(model, parse.GetValue(o.Checkpoint));
            using var loaded = LoadedModel.Load(model, weights, parse.GetValue(o.Device));
            using var data = DataSources.Load(settings, model.InputShape, model.Name, parse.GetValue(o.Data), target: model.Target);
            var set = data.Test ?? data.Validation;
            var rows = Evaluator.PreviewRows(loaded.Module, set, loaded.Device, SeededShuffle.DerivedSeed(settings.Seed, -1), count)
                ?? throw new ArgumentException($"{model.Name} outputs class logits ({model.Target}), which make no picture; use eval for its accuracy");
            try
            {
                ReconstructionGrid.Write(path, rows);
                context.Output.WriteLine($"wrote {Path.GetFullPath(path)} ({rows[0].size(0)} images from {set.Source}; weights {weights}); {ReconstructionGrid.Caption(model.Target)}");
            }
            finally
            {
                foreach (var row in rows) row.Dispose();
            }
            return 0;
        });
        return command;
    }
}
