namespace DslAe.Training;

/// <summary>
/// A loss became NaN or infinite. The run stops before the bad step updates any weight, and the last checkpoint
/// written (if any) is the last good one.
/// </summary>
public sealed class TrainingDivergedException(long step, int epoch, string term, double value, string? lastGoodCheckpoint)
    : Exception($"training diverged at step {step} (epoch {epoch}): loss term '{term}' is {value}. " +
                (lastGoodCheckpoint is null ? "No checkpoint was written before it. " : $"The last good checkpoint is {lastGoodCheckpoint}. ") +
                "Lower the learning rate (--lr), set gradient clipping (ClipNorm in [Train]), or check the data for NaN/inf values.")
{
    public long Step { get; } = step;
    public int Epoch { get; } = epoch;
    public string Term { get; } = term;
    public double Value { get; } = value;
    public string? LastGoodCheckpoint { get; } = lastGoodCheckpoint;
}
