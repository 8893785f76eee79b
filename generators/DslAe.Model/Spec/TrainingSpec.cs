namespace DslAe.Model
{
    /// <summary>Optimisers.</summary>
    public enum OptimizerKind
    {
        /// <summary>Stochastic gradient descent (with optional momentum and Nesterov).</summary>
        Sgd,

        /// <summary>Adam.</summary>
        Adam,

        /// <summary>Adam with decoupled weight decay.</summary>
        AdamW,
    }

    /// <summary>Learning-rate schedules.</summary>
    public enum ScheduleKind
    {
        /// <summary>Constant rate.</summary>
        None,

        /// <summary>Multiply by <see cref="ScheduleSpec.Gamma"/> every <see cref="ScheduleSpec.StepSize"/> epochs.</summary>
        Step,

        /// <summary>Cosine annealing over all epochs down to <see cref="ScheduleSpec.MinLearningRate"/>.</summary>
        Cosine,
    }

    /// <summary>Optimiser settings.</summary>
    /// <param name="Kind">Which optimiser.</param>
    public sealed record OptimizerSpec(OptimizerKind Kind) : SpecElement
    {
        /// <summary>The default optimiser (Adam, lr 1e-3).</summary>
        public static OptimizerSpec Default { get; } = new(Defaults.Optimizer);

        /// <summary>Learning rate (&gt; 0).</summary>
        public double LearningRate { get; init; } = Defaults.LearningRate;

        /// <summary>SGD momentum in [0, 1).</summary>
        public double Momentum { get; init; } = Defaults.Momentum;

        /// <summary>SGD Nesterov momentum (needs momentum &gt; 0).</summary>
        public bool Nesterov { get; init; }

        /// <summary>Weight decay; null: the optimiser's default (0, or 0.01 for AdamW).</summary>
        public double? WeightDecay { get; init; }

        /// <summary>Adam's beta1 in [0, 1).</summary>
        public double Beta1 { get; init; } = Defaults.Beta1;

        /// <summary>Adam's beta2 in [0, 1).</summary>
        public double Beta2 { get; init; } = Defaults.Beta2;

        /// <summary>The weight decay the emitter writes.</summary>
        public double EffectiveWeightDecay => WeightDecay ?? (Kind == OptimizerKind.AdamW ? Defaults.AdamWWeightDecay : Defaults.WeightDecay);
    }

    /// <summary>Learning-rate schedule settings.</summary>
    /// <param name="Kind">Which schedule.</param>
    public sealed record ScheduleSpec(ScheduleKind Kind) : SpecElement
    {
        /// <summary>No schedule.</summary>
        public static ScheduleSpec None { get; } = new(ScheduleKind.None);

        /// <summary>Step: epochs between decays (&gt;= 1).</summary>
        public int StepSize { get; init; } = Defaults.StepSize;

        /// <summary>Step: decay factor in (0, 1].</summary>
        public double Gamma { get; init; } = Defaults.Gamma;

        /// <summary>Cosine: the final learning rate (&gt;= 0).</summary>
        public double MinLearningRate { get; init; }
    }

    /// <summary>Training settings; every member has a default (see <see cref="Defaults"/>).</summary>
    public sealed record TrainingSpec : SpecElement
    {
        /// <summary>All defaults.</summary>
        public static TrainingSpec Default { get; } = new();

        /// <summary>Epochs (&gt;= 1).</summary>
        public int Epochs { get; init; } = Defaults.Epochs;

        /// <summary>Mini-batch size (&gt;= 1).</summary>
        public int BatchSize { get; init; } = Defaults.BatchSize;

        /// <summary>Optimiser.</summary>
        public OptimizerSpec Optimizer { get; init; } = OptimizerSpec.Default;

        /// <summary>Learning-rate schedule.</summary>
        public ScheduleSpec Schedule { get; init; } = ScheduleSpec.None;

        /// <summary>Clip the global gradient norm to this value (&gt; 0); null: no clipping.</summary>
        public double? GradientClip { get; init; }

        /// <summary>Random seed.</summary>
        public int Seed { get; init; } = Defaults.Seed;

        /// <summary>Fraction of the data held out for validation, in [0, 1).</summary>
        public double ValidationFraction { get; init; } = Defaults.ValidationFraction;

        /// <summary>Stop after this many epochs without validation improvement (&gt;= 1); null: never.</summary>
        public int? EarlyStoppingPatience { get; init; }

        /// <summary>Data set name (e.g. "fashion-mnist"); null: chosen at run time.</summary>
        public string? Data { get; init; }

        /// <summary>Data location; null: the data set's usual place.</summary>
        public string? DataPath { get; init; }

        /// <summary>
        /// The memory a training step may use, as written (<c>"2GB"</c>, <c>"8 GiB"</c>: <see cref="ByteSize"/>); a
        /// declared batch whose step needs more is a warning naming the largest batch that fits. Null: no budget.
        /// </summary>
        public string? MemoryBudget { get; init; }
    }
}
