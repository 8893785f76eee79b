using System.Globalization;
using System.CommandLine;
using DslAe.Reports;

namespace DslAe.Cli;

/// <summary>Which model a command works on, and with which settings and weights.</summary>
internal static class ModelChoice
{
    /// <summary>The model named by --model, or the only one; otherwise an error listing the choices.</summary>
    public static ModelDefinition Resolve(string? name)
    {
        if (name is not null) return ModelCatalog.Find(name);
        var all = ModelCatalog.All;
        return all.Count switch
        {
            0 => throw new InvalidOperationException("this program declares no models: add an [Autoencoder] record or a .dslae.yaml file to the project"),
            1 => all[0],
            _ => throw new ArgumentException($"this program declares {all.Count} models ({string.Join(", ", all.Select(m => m.Name))}): choose one with --model"),
        };
    }

    /// <summary>The declared settings with the command line's overrides.</summary>
    public static TrainingSettings Settings(ModelDefinition model, ParseResult parse, CliOptions o)
    {
        var s = model.Training;
        return s with
        {
            Epochs = parse.GetValue(o.Epochs) ?? s.Epochs,
            BatchSize = parse.GetValue(o.Batch) ?? s.BatchSize,
            LearningRate = parse.GetValue(o.Lr) ?? s.LearningRate,
            Seed = parse.GetValue(o.Seed) ?? s.Seed,
        };
    }

    /// <summary>
    /// The weights file for --checkpoint: a file as given; a run folder's final weights, else its last checkpoint;
    /// by default the latest run of the model under runs/.
    /// </summary>
    public static string WeightsFile(ModelDefinition model, string? checkpoint)
    {
        if (checkpoint is null)
        {
            var latest = RunFolder.FindLatest(RunFolder.DefaultRoot, model.Name)
                ?? throw new FileNotFoundException($"no trained weights of {model.Name}: no run folder under {Path.GetFullPath(RunFolder.DefaultRoot)} has a checkpoint. Train first (`train`) or pass --checkpoint <run folder or .safetensors>");
            checkpoint = latest.Path;
        }
        if (File.Exists(checkpoint)) return checkpoint;
        if (!Directory.Exists(checkpoint)) throw new FileNotFoundException($"--checkpoint {checkpoint}: no such file or folder", checkpoint);
        var run = new RunFolder(checkpoint);
        return File.Exists(run.FinalWeights) ? run.FinalWeights
            : File.Exists(run.LastCheckpoint) ? run.LastCheckpoint
            : throw new FileNotFoundException($"--checkpoint {checkpoint}: the folder holds neither model.safetensors nor checkpoints/last.safetensors");
    }

    /// <summary>One line per model for --help.</summary>
    public static string Listing()
    {
        var all = ModelCatalog.All;
        if (all.Count == 0) return "  (none: declare an [Autoencoder] record or add a .dslae.yaml file)";
        var width = all.Max(m => m.Name.Length);
        return string.Join("\n", all.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"  {m.Name.PadRight(width)}  input {string.Join("x", m.InputShape)}, {m.Summary.TotalParameters:N0} parameters; {m.Training.Optimizer} lr {m.Training.LearningRate:G4}, {Counts.Of(m.Training.Epochs, "epoch")} of batch {m.Training.BatchSize} on {m.Training.DataPath ?? m.Training.Data ?? "fashion-mnist"}")));
    }
}
