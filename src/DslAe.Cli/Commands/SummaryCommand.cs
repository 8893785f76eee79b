using System.CommandLine;
using System.Globalization;

namespace DslAe.Cli.Commands;

/// <summary>
/// <c>summary</c>: the stage table computed at compile time and the training settings. Further sources of a model
/// (e.g. a YAML file through a <c>--config</c> option) plug in by adding an option here and choosing the
/// definition in <see cref="Describe"/>'s caller.
/// </summary>
internal static class SummaryCommand
{
    public static Command Create(CliOptions o, CliContext context)
    {
        var command = new Command("summary", "Print a model's stages, shapes and parameter counts, and its training settings") { o.Model };
        command.SetAction(parse =>
        {
            context.Output.Write(Describe(ModelChoice.Resolve(parse.GetValue(o.Model))));
            return 0;
        });
        return command;
    }

    public static string Describe(ModelDefinition model)
    {
        var t = model.Training;
        return model.Summary + string.Create(CultureInfo.InvariantCulture,
            $"training: {t.Epochs} epochs, batch {t.BatchSize}, {t.Optimizer} lr {t.LearningRate:G4}, schedule {t.Schedule}, " +
            $"clip {(t.GradientClip is { } c ? c.ToString(CultureInfo.InvariantCulture) : "none")}, seed {t.Seed}, validation {t.ValidationFraction:P0}, " +
            $"early stopping {(t.EarlyStoppingPatience is { } p ? $"after {p} epochs" : "off")}, data {t.DataPath ?? t.Data ?? "fashion-mnist"}\n");
    }
}
