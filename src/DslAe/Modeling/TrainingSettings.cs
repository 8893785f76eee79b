namespace DslAe;

/// <summary>
/// A model's training settings as declared, every default filled in by the generator; the command line's
/// options override them with <c>with</c>.
/// </summary>
public sealed record TrainingSettings
{
    public int Epochs { get; init; }
    public int BatchSize { get; init; }
    public OptimizerKind Optimizer { get; init; }
    public double LearningRate { get; init; }
    public double Momentum { get; init; }
    public bool Nesterov { get; init; }
    public double WeightDecay { get; init; }
    public double Beta1 { get; init; }
    public double Beta2 { get; init; }
    public Schedule Schedule { get; init; }
    public int StepSize { get; init; }
    public double Gamma { get; init; }
    public double MinLearningRate { get; init; }
    /// <summary>Clip the global gradient norm to this value; null: no clipping.</summary>
    public double? GradientClip { get; init; }
    public int Seed { get; init; }
    public double ValidationFraction { get; init; }
    /// <summary>Stop after this many epochs without validation improvement; null: never.</summary>
    public int? EarlyStoppingPatience { get; init; }
    public string? Data { get; init; }
    public string? DataPath { get; init; }
}
