using DslAe.Reports;
using System.CommandLine;
using System.Globalization;

namespace DslAe.Cli.Commands;

/// <summary>
/// <c>summary</c>: the stage table computed at compile time and the training settings; with <c>--config</c>, the
/// model's effective declaration as YAML, every default written out, so users see exactly what was built.
/// </summary>
internal static class SummaryCommand
{
    public static Command Create(CliOptions o, CliContext context)
    {
        var config = new Option<bool>("--config") { Description = "Print the effective declaration as YAML (every default filled in) instead of the table" };
        var command = new Command("summary", "Print a model's stages, shapes and parameter counts, and its training settings") { o.Model, config };
        command.SetAction(parse =>
        {
            var model = ModelChoice.Resolve(parse.GetValue(o.Model));
            context.Output.Write(parse.GetValue(config) ? model.EffectiveDeclaration : Describe(model));
            return 0;
        });
        return command;
    }

    public static string Describe(ModelDefinition model)
    {
        var t = model.Training;
        return model.SummaryText + model.Summary.AtBatch(t.BatchSize) + string.Create(CultureInfo.InvariantCulture,
            $"training: {Counts.Of(t.Epochs, "epoch")}, batch {t.BatchSize}, {t.Optimizer} lr {t.LearningRate:G4}, schedule {t.Schedule}, " +
            $"clip {(t.GradientClip is { } c ? c.ToString(CultureInfo.InvariantCulture) : "none")}, seed {t.Seed}, validation {t.ValidationFraction:P0}, " +
            $"early stopping {(t.EarlyStoppingPatience is { } p ? $"after {Counts.Of(p, "epoch")}" : "off")}, data {t.DataPath ?? t.Data ?? "fashion-mnist"}\n");
    }
}
