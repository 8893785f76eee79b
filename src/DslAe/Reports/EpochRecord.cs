using DslAe.Metrics;

namespace DslAe.Reports;

/// <summary>
/// One epoch of a run. Epoch 0 is the untrained model's validation pass. <see cref="Train"/>'s loss and terms
/// are the running averages over the epoch's batches (as Keras reports them); its MSE/PSNR/SSIM come from an
/// evaluation pass over a fixed part of the training set, like the validation metrics.
/// </summary>
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
public sealed record StepRecord(long Step, int Epoch, double Loss);
