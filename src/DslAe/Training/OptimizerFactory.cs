using DslAe.Torch;
using DslAe.Torch.Optim;

namespace DslAe.Training;

/// <summary>The optimiser and learning-rate schedule a model declares, built from its <see cref="TrainingSettings"/>.</summary>
public static class OptimizerFactory
{
    public static Optimizer Create(TrainingSettings settings, IEnumerable<Tensor> parameters)
    {
        if (!(settings.LearningRate > 0))
            throw new ArgumentException($"the learning rate must be positive; got {settings.LearningRate} (set Lr in [Train] or pass --lr)");
        return settings.Optimizer switch
        {
            OptimizerKind.Sgd => new Sgd(parameters, settings.LearningRate, settings.Momentum, nesterov: settings.Nesterov, weightDecay: settings.WeightDecay),
            OptimizerKind.Adam => new Adam(parameters, settings.LearningRate, settings.Beta1, settings.Beta2, weightDecay: settings.WeightDecay),
            OptimizerKind.AdamW => new AdamW(parameters, settings.LearningRate, settings.Beta1, settings.Beta2, weightDecay: settings.WeightDecay),
            _ => throw new ArgumentException($"unknown optimiser {settings.Optimizer}"),
        };
    }

    /// <summary>The schedule, stepped once per epoch; null for a constant rate. Cosine anneals over all epochs.</summary>
    public static LrScheduler? CreateScheduler(TrainingSettings settings, Optimizer optimizer) => settings.Schedule switch
    {
        Schedule.None => null,
        Schedule.Step => new StepLR(optimizer, settings.StepSize, settings.Gamma),
        Schedule.Cosine => new CosineAnnealingLR(optimizer, Math.Max(1, settings.Epochs), settings.MinLearningRate),
        _ => throw new ArgumentException($"unknown schedule {settings.Schedule}"),
    };
}
