using System.Globalization;
using DslAe.Reports;
using DslAe.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DslAe.Cli.Progress;

/// <summary>
/// A live Spectre.Console progress bar on a terminal: epoch and running loss in the description, then the bar,
/// steps per second and the remaining time. Epoch results are printed above the bar as they come.
/// </summary>
public sealed class SpectreProgressObserver(ProgressContext context) : ITrainingObserver
{
    private ProgressTask? task;

    /// <summary>Runs <paramref name="train"/> under a live progress display and returns its result.</summary>
    public static T Run<T>(Func<ITrainingObserver, T> train)
    {
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new StepsPerSecondColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => result = train(new SpectreProgressObserver(context)));
        return result;
    }

    /// <summary>Prints what the run will do and its run folder, and adds the progress bar, starting at the steps already done.</summary>
    public void Started(TrainingStart start)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{(start.Resumed ? "Resuming" : "Training")} {start.Model}[/] on {start.Device}: {Counts.Of(start.Epochs, "epoch")} x {Counts.Of(start.StepsPerEpoch, "step")}, {start.TrainImages} training / {start.ValidationImages} validation images");
        AnsiConsole.MarkupLineInterpolated($"run folder: [link]{start.RunFolder}[/]");
        task = context.AddTask("starting", maxValue: start.TotalSteps);
        task.Value = start.FirstStep;
    }

    /// <summary>Moves the bar to the step and shows the epoch and running loss.</summary>
    public void StepCompleted(StepReport step)
    {
        if (task is null) return;
        task.Value = step.Step;
        task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {step.Epoch}/{step.Epochs}  loss {step.RunningLoss:0.00000}");
    }

    /// <summary>Prints the epoch's <see cref="LogLineObserver.EpochLine"/> above the bar.</summary>
    public void EpochCompleted(EpochRecord record) => AnsiConsole.WriteLine(LogLineObserver.EpochLine(record));

    /// <summary>Prints <paramref name="text"/> above the bar.</summary>
    public void Message(string text) => AnsiConsole.WriteLine(text);

    /// <summary>Spectre's speed estimate shown as optimiser steps per second.</summary>
    private sealed class StepsPerSecondColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? string.Create(CultureInfo.InvariantCulture, $"{speed:0.0} steps/s") : "– steps/s", new Style(Color.Grey));
    }
}
