using System.CommandLine;
using DslAe.Reports;

namespace DslAe.Cli.Commands;

/// <summary><c>sample</c>: a PNG grid of images decoded from codes drawn from a variational latent's prior.</summary>
internal static class SampleCommand
{
    /// <summary>Images per row of the grid.</summary>
    private const int RowLength = 8;

    public static Command Create(CliOptions o, CliContext context)
    {
        var command = new Command("sample", "Write a PNG grid of new images: codes drawn from a variational latent's prior N(0, I), or from a Gaussian fitted to learned (GLO) codes, decoded")
        {
            o.Model, o.Checkpoint, o.Device, o.Out, o.Count, o.Seed, o.Threads,
        };
        command.SetAction(parse =>
        {
            var model = ModelChoice.Resolve(parse.GetValue(o.Model));
            var path = OutputFile.Check(parse.GetValue(o.Out), $"{model.Name}-samples.png");
            var count = parse.GetValue(o.Count);
            if (count <= 0) throw new ArgumentException($"--count must be positive; got {count}");
            // Before any weights load: a model without a variational latent cannot be sampled.
            Sampling.SampledLatent(model);
            var seed = parse.GetValue(o.Seed) ?? model.Training.Seed;
            var weights = ModelChoice.WeightsFile(model, parse.GetValue(o.Checkpoint));
            using var loaded = LoadedModel.Load(model, weights, parse.GetValue(o.Device), parse.GetValue(o.Threads));
            using var samples = Sampling.FromPrior(loaded.Module, count, seed, loaded.Device);
            // Rows of eight (or one row of fewer); a last, shorter row is left out rather than padded with blanks.
            var rowLength = Math.Min(RowLength, count);
            var rows = Enumerable.Range(0, count / rowLength).Select(r => samples.narrow(0, r * rowLength, rowLength)).ToList();
            try
            {
                ReconstructionGrid.Write(path, rows);
            }
            finally
            {
                foreach (var row in rows) row.Dispose();
            }
            context.Output.WriteLine($"wrote {Path.GetFullPath(path)} ({rows.Count * rowLength} samples of {(model.Latent?.Learned is null ? model.Name + "'s prior" : "the Gaussian fitted to " + model.Name + "'s learned codes")}, seed {seed}; weights {weights})");
            return 0;
        });
        return command;
    }
}
