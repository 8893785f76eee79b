namespace DslAe.Training;

/// <summary>
/// A loss became NaN or infinite. The run stops before the bad step updates any weight, and the last checkpoint
/// written (if any) is the last good one.
/// </summary>
/// <param name="step">The 1-based global step whose loss diverged.</param>
/// <param name="epoch">The 1-based epoch of that step.</param>
/// <param name="term">The first non-finite loss term, or "total".</param>
/// <param name="value">That term's value.</param>
/// <param name="lastGoodCheckpoint">The run's last checkpoint; null when none was written.</param>
public sealed class TrainingDivergedException(long step, int epoch, string term, double value, string? lastGoodCheckpoint)
    : Exception($"training diverged at step {step} (epoch {epoch}): loss term '{term}' is {value}. " +
                (lastGoodCheckpoint is null ? "No checkpoint was written before it. " : $"The last good checkpoint is {lastGoodCheckpoint}. ") +
                "Lower the learning rate (--lr), set gradient clipping (ClipNorm in [Train]), or check the data for NaN/inf values.")
{
    /// <summary>The 1-based global step whose loss diverged; no weight was updated by it.</summary>
    public long Step { get; } = step;
    /// <summary>The 1-based epoch of <see cref="Step"/>.</summary>
    public int Epoch { get; } = epoch;
    /// <summary>The first loss term that is not finite, or "total" when only the weighted sum is not.</summary>
    public string Term { get; } = term;
    /// <summary>The value of <see cref="Term"/>: NaN or an infinity.</summary>
    public double Value { get; } = value;
    /// <summary>The run's last checkpoint, written before the divergence; null when none was written.</summary>
    public string? LastGoodCheckpoint { get; } = lastGoodCheckpoint;
}
