using DslAe.Metrics;

namespace DslAe.Reports;

/// <summary>
/// One epoch of a run. Epoch 0 is the untrained model's validation pass. <see cref="Train"/>'s loss and terms
/// are the running averages over the epoch's batches (as Keras reports them); its MSE/PSNR/SSIM come from an
/// evaluation pass over a fixed part of the training set, like the validation metrics.
/// </summary>
/// <param name="Epoch">The epoch, 1-based; 0 for the untrained model.</param>
/// <param name="Step">Optimiser steps done since the start of the run, at the end of this epoch.</param>
/// <param name="LearningRate">The epoch's learning rate.</param>
/// <param name="Seconds">Wall-clock seconds the epoch trained in this session, without the evaluation after it.</param>
/// <param name="StepMilliseconds">Mean milliseconds per optimiser step of the epoch in this session.</param>
/// <param name="Train">Training metrics; null for epoch 0.</param>
/// <param name="Validation">Validation metrics.</param>
/// <param name="Best">True when the validation loss was the lowest so far (its weights are the best checkpoint).</param>
public sealed record EpochRecord(
    int Epoch,
    long Step,
    double LearningRate,
    double Seconds,
    double StepMilliseconds,
    EvaluationMetrics? Train,
    EvaluationMetrics Validation,
    bool Best);

/// <summary>A point of the training loss curve: the running loss of the epoch in progress at a step.</summary>
/// <param name="Step">Optimiser steps done since the start of the run.</param>
/// <param name="Epoch">The epoch in progress, 1-based.</param>
/// <param name="Loss">The epoch's running training loss at that step.</param>
public sealed record StepRecord(long Step, int Epoch, double Loss);
