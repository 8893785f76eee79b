using DslAe.Metrics;
using DslAe.Reports;

namespace DslAe.Training;

/// <summary>What a run is about to do; <see cref="FirstStep"/> is above 0 when it resumes.</summary>
public sealed record TrainingStart(
    string Model, string Device, string RunFolder, int Epochs, long StepsPerEpoch, long FirstStep, long TotalSteps,
    long TrainImages, long ValidationImages, bool Resumed);

/// <summary>One finished optimiser step; <see cref="RunningLoss"/> averages the epoch's batches so far.</summary>
public sealed record StepReport(long Step, long TotalSteps, int Epoch, int Epochs, long BatchInEpoch, long StepsPerEpoch, double RunningLoss, double LearningRate);

/// <summary>
/// Receives a run's progress: the command line shows it as a live progress bar on a terminal and as periodic
/// log lines when output is redirected. Calls come from the training thread; keep them quick.
/// </summary>
public interface ITrainingObserver
{
    void Started(TrainingStart start);

    void StepCompleted(StepReport step);

    void EpochCompleted(EpochRecord record);

    /// <summary>A line worth showing (evaluation results, checkpoints, early stopping).</summary>
    void Message(string text);
}

/// <summary>An observer that shows nothing (tests, library use).</summary>
public sealed class SilentObserver : ITrainingObserver
{
    public static SilentObserver Instance { get; } = new();

    public void Started(TrainingStart start) { }
    public void StepCompleted(StepReport step) { }
    public void EpochCompleted(EpochRecord record) { }
    public void Message(string text) { }
}

/// <summary>The outcome of <see cref="Trainer.Fit"/>.</summary>
public sealed record TrainingResult(
    string RunFolder,
    IReadOnlyList<EpochRecord> History,
    EvaluationMetrics? Test,
    long Steps,
    bool Finished,
    bool StoppedEarly,
    TimeSpan Elapsed);
