using System.Diagnostics;
using System.Globalization;
using DslAe.Reports;
using DslAe.Training;

namespace DslAe.Cli.Progress;

/// <summary>
/// Progress as plain lines, for output that is not a terminal (CI logs, files): one line every
/// <see cref="Interval"/> and one per epoch, each with steps per second, ETA and the running loss.
/// </summary>
public sealed class LogLineObserver(TextWriter output) : ITrainingObserver
{
    /// <summary>The least time between two step lines (10 seconds); an epoch's last step always gets one.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Stopwatch clock = new();
    // Speed is measured from the first step on, so the untrained model's evaluation does not count.
    private readonly Stopwatch sinceFirstStep = new();
    private TimeSpan lastLine;
    private long firstStep;

    /// <summary>Writes what the run will do and its run folder, and starts the clock.</summary>
    public void Started(TrainingStart start)
    {
        output.WriteLine(Inv($"{(start.Resumed ? "resuming" : "training")} {start.Model} on {start.Device}: {Counts.Of(start.Epochs, "epoch")} x {Counts.Of(start.StepsPerEpoch, "step")}, {start.TrainImages} training / {start.ValidationImages} validation images"));
        output.WriteLine($"run folder: {start.RunFolder}");
        clock.Restart();
    }

    /// <summary>
    /// Writes a progress line when <see cref="Interval"/> has passed since the last one, or at an epoch's last step.
    /// The first step only starts the speed measurement.
    /// </summary>
    public void StepCompleted(StepReport step)
    {
        if (!sinceFirstStep.IsRunning)
        {
            (firstStep, lastLine) = (step.Step, clock.Elapsed);
            sinceFirstStep.Start();
            return;
        }
        if (clock.Elapsed - lastLine < Interval && step.BatchInEpoch != step.StepsPerEpoch) return;
        lastLine = clock.Elapsed;
        var rate = (step.Step - firstStep) / Math.Max(sinceFirstStep.Elapsed.TotalSeconds, 1e-9);
        var eta = rate > 0 ? TimeSpan.FromSeconds((step.TotalSteps - step.Step) / rate) : TimeSpan.Zero;
        output.WriteLine(Inv($@"[{clock.Elapsed:hh\:mm\:ss}] epoch {step.Epoch}/{step.Epochs}  step {step.Step}/{step.TotalSteps} ({100.0 * step.Step / step.TotalSteps:0}%)  loss {step.RunningLoss:0.00000}  {rate:0.0} steps/s  ETA {eta:hh\:mm\:ss}"));
    }

    /// <summary>Writes the epoch's <see cref="EpochLine"/>.</summary>
    public void EpochCompleted(EpochRecord record) => output.WriteLine(EpochLine(record));

    /// <summary>Writes <paramref name="text"/> as a line.</summary>
    public void Message(string text) => output.WriteLine(text);

    /// <summary>The line shown for a finished epoch, terminal or not.</summary>
    public static string EpochLine(EpochRecord record) => record.Epoch == 0
        ? $"untrained      validation {record.Validation}"
        : Inv($"epoch {record.Epoch,3}  train loss {record.Train?.Loss:0.00000}  validation {record.Validation}  ({record.Seconds:0.0} s, {record.StepMilliseconds:0.00} ms/step){(record.Best ? "  *best" : "")}");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
