namespace DslAe.Training;

/// <summary>
/// The declared learning-rate schedule as a closed form of the epoch, as PyTorch's schedulers define it (StepLR:
/// lr₀·γ^⌊e/s⌋; CosineAnnealingLR: η_min + (lr₀ − η_min)(1 + cos(π·e/T))/2 with T the declared epochs). The trainer sets
/// the rate at the start of every epoch, so a resumed run needs nothing but its epoch: TorchSharp's schedulers keep
/// state they cannot save.
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>The learning rate of epoch <paramref name="epoch"/> (0-based).</summary>
    public static double At(TrainingSettings settings, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var lr = settings.LearningRate;
        return settings.Schedule switch
        {
            Schedule.None => lr,
            Schedule.Step => lr * Math.Pow(settings.Gamma, epoch / Math.Max(1, settings.StepSize)),
            Schedule.Cosine => settings.MinLearningRate + (lr - settings.MinLearningRate) * (1 + Math.Cos(Math.PI * epoch / Math.Max(1, settings.Epochs))) / 2,
            _ => throw new ArgumentException($"unknown schedule {settings.Schedule}"),
        };
    }
}
