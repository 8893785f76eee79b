using DslAe.Metrics;
using DslAe.Reports;

namespace DslAe.Training;

/// <summary>What a run is about to do; <see cref="FirstStep"/> is above 0 when it resumes.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Device">The training device, as TorchSharp's <c>Device</c> prints it.</param>
/// <param name="RunFolder">The run folder's absolute path.</param>
/// <param name="Epochs">Epochs of the whole run.</param>
/// <param name="StepsPerEpoch">Optimiser steps per epoch (batches, the last one possibly smaller).</param>
/// <param name="FirstStep">Steps already done: 0 for a new run, the checkpoint's step when resuming.</param>
/// <param name="TotalSteps">Steps of the whole run.</param>
/// <param name="TrainImages">Number of training images.</param>
/// <param name="ValidationImages">Number of validation images.</param>
/// <param name="Resumed">True when the run continues from a checkpoint.</param>
public sealed record TrainingStart(
    string Model, string Device, string RunFolder, int Epochs, long StepsPerEpoch, long FirstStep, long TotalSteps,
    long TrainImages, long ValidationImages, bool Resumed);

/// <summary>One finished optimiser step; <see cref="RunningLoss"/> averages the epoch's batches so far.</summary>
/// <param name="Step">Steps done since the start of the run, this one included.</param>
/// <param name="TotalSteps">Steps of the whole run.</param>
/// <param name="Epoch">The epoch in progress, 1-based.</param>
/// <param name="Epochs">Epochs of the whole run.</param>
/// <param name="BatchInEpoch">Batches of this epoch done, this one included.</param>
/// <param name="StepsPerEpoch">Optimiser steps per epoch.</param>
/// <param name="RunningLoss">The sample-weighted mean training loss of the epoch's batches so far.</param>
/// <param name="LearningRate">The epoch's learning rate.</param>
public sealed record StepReport(long Step, long TotalSteps, int Epoch, int Epochs, long BatchInEpoch, long StepsPerEpoch, double RunningLoss, double LearningRate);

/// <summary>
/// Receives a run's progress: the command line shows it as a live progress bar on a terminal and as periodic
/// log lines when output is redirected. Calls come from the training thread; keep them quick.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>The run is about to train: called once per <see cref="Trainer.Fit"/>, after the run folder is opened.</summary>
    void Started(TrainingStart start);

    /// <summary>An optimiser step finished.</summary>
    void StepCompleted(StepReport step);

    /// <summary>An epoch finished and was logged; a new run first reports epoch 0, the untrained model's validation pass.</summary>
    void EpochCompleted(EpochRecord record);

    /// <summary>A line worth showing (evaluation results, checkpoints, early stopping).</summary>
    void Message(string text);
}

/// <summary>An observer that shows nothing (tests, library use).</summary>
public sealed class SilentObserver : ITrainingObserver
{
    /// <summary>The one instance; it holds no state.</summary>
    public static SilentObserver Instance { get; } = new();

    /// <summary>Does nothing.</summary>
    public void Started(TrainingStart start) { }
    /// <summary>Does nothing.</summary>
    public void StepCompleted(StepReport step) { }
    /// <summary>Does nothing.</summary>
    public void EpochCompleted(EpochRecord record) { }
    /// <summary>Does nothing.</summary>
    public void Message(string text) { }
}

/// <summary>The outcome of <see cref="Trainer.Fit"/>.</summary>
/// <param name="RunFolder">The run folder's absolute path.</param>
/// <param name="History">Every epoch logged in the run folder, epoch 0 (untrained) first.</param>
/// <param name="Test">The test-set metrics; null when the data has no test set or the run stopped before the end.</param>
/// <param name="Steps">Optimiser steps done since the start of the run, earlier sessions included.</param>
/// <param name="Finished">
/// False when the run was interrupted (cancellation, <see cref="TrainerOptions.StopAfterStep"/>) and can be resumed;
/// true when it trained every epoch or stopped early.
/// </param>
/// <param name="StoppedEarly">True when early stopping ended the run.</param>
/// <param name="Elapsed">Wall-clock time of this call.</param>
public sealed record TrainingResult(
    string RunFolder,
    IReadOnlyList<EpochRecord> History,
    EvaluationMetrics? Test,
    long Steps,
    bool Finished,
    bool StoppedEarly,
    TimeSpan Elapsed);
