namespace DslAe;

/// <summary>
/// A model's training settings as declared, every default filled in by the generator; the command line's
/// options override them with <c>with</c>.
/// </summary>
public sealed record TrainingSettings
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; }
    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; }
    /// <summary>The optimiser.</summary>
    public OptimizerKind Optimizer { get; init; }
    /// <summary>Learning rate (of the first epoch when a schedule is set).</summary>
    public double LearningRate { get; init; }
    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; }
    /// <summary>SGD Nesterov momentum.</summary>
    public bool Nesterov { get; init; }
    /// <summary>Weight decay; when none is declared, the optimiser's default (0; AdamW: 0.01).</summary>
    public double WeightDecay { get; init; }
    /// <summary>Adam's and AdamW's beta1.</summary>
    public double Beta1 { get; init; }
    /// <summary>Adam's and AdamW's beta2.</summary>
    public double Beta2 { get; init; }
    /// <summary>Learning-rate schedule, applied per epoch.</summary>
    public Schedule Schedule { get; init; }
    /// <summary>Step schedule: epochs between decays.</summary>
    public int StepSize { get; init; }
    /// <summary>Step schedule: decay factor.</summary>
    public double Gamma { get; init; }
    /// <summary>Cosine schedule: the final learning rate.</summary>
    public double MinLearningRate { get; init; }
    /// <summary>Clip the global gradient norm to this value; null: no clipping.</summary>
    public double? GradientClip { get; init; }
    /// <summary>Random seed of the initial weights, the validation split, the shuffling, corruption and dropout.</summary>
    public int Seed { get; init; }
    /// <summary>Fraction of the training data held out for validation, strictly between 0 and 1.</summary>
    public double ValidationFraction { get; init; }
    /// <summary>Stop after this many epochs without validation improvement; null: never.</summary>
    public int? EarlyStoppingPatience { get; init; }
    /// <summary>Declared data set name (e.g. "fashion-mnist"); null: none declared.</summary>
    public string? Data { get; init; }
    /// <summary>Declared data location, which takes precedence over <see cref="Data"/>; null: the data set's usual place.</summary>
    public string? DataPath { get; init; }
}
