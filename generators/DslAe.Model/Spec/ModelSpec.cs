namespace DslAe.Model
{
    /// <summary>
    /// The intermediate model both front ends produce: immutable, value-equatable, free of Roslyn
    /// types. Shape inference (<see cref="ShapeInference.Infer"/>) checks it and lowers it for the emitter.
    /// </summary>
    /// <param name="Name">Model (type) name.</param>
    /// <param name="Namespace">Namespace of the generated code; null: the global namespace.</param>
    public sealed record ModelSpec(string Name, string? Namespace) : SpecElement
    {
        /// <summary>The language the model was declared in: messages spell arguments as it does.</summary>
        public FrontEnd FrontEnd { get; init; }

        /// <summary>Input shape C x H x W; null when the declaration lacks one (an error).</summary>
        public Shape? Input { get; init; }

        /// <summary>Encoder stages, input to latent.</summary>
        public EquatableArray<StageSpec> Encoder { get; init; }

        /// <summary>The code; null: the encoder's output feeds the decoder directly.</summary>
        public LatentSpec? Latent { get; init; }

        /// <summary>Decoder stages, latent to reconstruction.</summary>
        public EquatableArray<StageSpec> Decoder { get; init; }

        /// <summary>Input corruption during training; null: none.</summary>
        public CorruptionSpec? Corruption { get; init; }

        /// <summary>What the output is compared with; the input unless declared.</summary>
        public TargetSpec Target { get; init; } = TargetSpec.Input;

        /// <summary>Loss terms; empty: MSE with weight 1 (cross-entropy for a class-label target).</summary>
        public EquatableArray<LossSpec> Losses { get; init; }

        /// <summary>The losses trained: the declared ones, or the target's default (MSE; cross-entropy for class labels).</summary>
        public EquatableArray<LossSpec> EffectiveLosses => !Losses.IsEmpty ? Losses
            : new EquatableArray<LossSpec>(new LossSpec[] { Target.IsClassification ? new CrossEntropyLoss() : new MseLoss() });

        /// <summary>The classifier fine-tuned on the encoder after training; null: none.</summary>
        public FineTuneSpec? FineTune { get; init; }

        /// <summary>Training settings.</summary>
        public TrainingSpec Training { get; init; } = TrainingSpec.Default;
    }
}
