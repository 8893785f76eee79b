using TorchSharp;
using static TorchSharp.torch;

namespace DslAe.Training;

/// <summary>The optimiser a model declares, built from its <see cref="TrainingSettings"/> over TorchSharp's optimisers.</summary>
public static class OptimizerFactory
{
    /// <summary>
    /// TorchSharp's SGD, Adam or AdamW over <paramref name="parameters"/> with every setting of <paramref name="settings"/>
    /// passed explicitly; fails unless the learning rate is positive.
    /// </summary>
    public static TorchSharp.Modules.OptimizerHelper Create(TrainingSettings settings, IEnumerable<TorchSharp.Modules.Parameter> parameters)
    {
        if (!(settings.LearningRate > 0))
            throw new ArgumentException($"the learning rate must be positive; got {settings.LearningRate} (set Lr in [Train] or pass --lr)");
        // Every argument is passed: TorchSharp's defaults differ from PyTorch's in places (AdamW's weight decay is 0
        // there, 0.01 in PyTorch), and the declaration's effective values already follow PyTorch.
        return settings.Optimizer switch
        {
            OptimizerKind.Sgd => optim.SGD(parameters, settings.LearningRate, settings.Momentum, dampening: 0, weight_decay: settings.WeightDecay, nesterov: settings.Nesterov),
            OptimizerKind.Adam => optim.Adam(parameters, settings.LearningRate, settings.Beta1, settings.Beta2, eps: 1e-8, weight_decay: settings.WeightDecay),
            OptimizerKind.AdamW => optim.AdamW(parameters, settings.LearningRate, settings.Beta1, settings.Beta2, eps: 1e-8, weight_decay: settings.WeightDecay),
            _ => throw new ArgumentException($"unknown optimiser {settings.Optimizer}"),
        };
    }

    /// <summary>Sets every parameter group's learning rate (the schedule's value for the epoch).</summary>
    public static void SetLearningRate(TorchSharp.Modules.OptimizerHelper optimizer, double lr)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
    }

    /// <summary>The first group's learning rate (all groups share it).</summary>
    public static double LearningRate(TorchSharp.Modules.OptimizerHelper optimizer) => optimizer.ParamGroups.First().LearningRate;
}
