namespace DslAe.Model
{
    /// <summary>
    /// One term of the weighted loss sum. With no losses declared the model trains on
    /// <see cref="MseLoss"/> with weight 1.
    /// </summary>
    public abstract record LossSpec : SpecElement
    {
        /// <summary>Only this library defines kinds, so every rule can handle every kind.</summary>
        private protected LossSpec()
        {
        }

        /// <summary>Weight in the sum (&gt;= 0).</summary>
        public double Weight { get; init; } = Defaults.LossWeight;

        /// <summary>The kind's name as messages print it.</summary>
        public abstract string KindName { get; }
    }

    /// <summary>Mean squared error between reconstruction and target.</summary>
    public sealed record MseLoss : LossSpec
    {
        /// <inheritdoc />
        public override string KindName => "Mse";
    }

    /// <summary>Mean absolute error.</summary>
    public sealed record L1Loss : LossSpec
    {
        /// <inheritdoc />
        public override string KindName => "L1";
    }

    /// <summary>Binary cross-entropy on probabilities (end the decoder with a sigmoid).</summary>
    public sealed record BceLoss : LossSpec
    {
        /// <inheritdoc />
        public override string KindName => "Bce";
    }

    /// <summary>Binary cross-entropy on logits (numerically stable; no sigmoid at the end).</summary>
    public sealed record BceWithLogitsLoss : LossSpec
    {
        /// <inheritdoc />
        public override string KindName => "BceWithLogits";
    }

    /// <summary>KL divergence of the variational code from N(0, I); needs a <see cref="VariationalLatent"/>.</summary>
    public sealed record KlLoss : LossSpec
    {
        /// <inheritdoc />
        public override string KindName => "Kl";
    }

    /// <summary>
    /// Laplacian pyramid loss (Burt–Adelson bands, L1 per band). Each REDUCE halves the size and the
    /// 5-tap blur's reflect padding needs at least 3 pixels per side at every level blurred.
    /// </summary>
    public sealed record LaplacianPyramidLoss : LossSpec
    {
        /// <summary>Number of levels (&gt;= 1).</summary>
        public int Levels { get; init; } = Defaults.PyramidLevels;

        /// <inheritdoc />
        public override string KindName => "LaplacianPyramid";
    }

    /// <summary>A loss on the features of a frozen network φ at named encoder stages (perceptual and style losses).</summary>
    /// <param name="Layers">Encoder stage names of <see cref="Network"/> whose outputs are compared.</param>
    public abstract record FeatureLoss(EquatableArray<string> Layers) : LossSpec
    {
        /// <summary>The model of the project whose encoder is φ; null: this model's own encoder.</summary>
        public string? Network { get; init; }

        /// <summary>A safetensors file of φ's weights (a run's model.safetensors, or one PyTorch wrote); null: φ as initialised, with a fixed seed (random features).</summary>
        public string? Weights { get; init; }
    }

    /// <summary>Feature loss through a frozen network: ‖φ_j(ŷ) − φ_j(y)‖² / (C_j·H_j·W_j), summed over the stages.</summary>
    /// <param name="Layers">Encoder stage names of <see cref="FeatureLoss.Network"/> whose outputs are compared.</param>
    public sealed record PerceptualLoss(EquatableArray<string> Layers) : FeatureLoss(Layers)
    {
        /// <inheritdoc />
        public override string KindName => "Perceptual";
    }

    /// <summary>Gram-matrix style loss at the named stages of a frozen network.</summary>
    /// <param name="Layers">Encoder stage names of <see cref="FeatureLoss.Network"/>.</param>
    public sealed record StyleLoss(EquatableArray<string> Layers) : FeatureLoss(Layers)
    {
        /// <inheritdoc />
        public override string KindName => "Style";
    }

    /// <summary>Adversarial loss against a declared discriminator.</summary>
    /// <param name="Discriminator">The discriminator's stages and options.</param>
    public sealed record AdversarialLoss(DiscriminatorSpec Discriminator) : LossSpec
    {
        /// <inheritdoc />
        public override string KindName => "Adversarial";
    }

    /// <summary>
    /// K-class cross-entropy for segmentation: the decoder outputs K x H x W logits, the target is a
    /// class index per pixel. The reconstruction check then asks for the input's H x W with K channels.
    /// </summary>
    public sealed record CrossEntropyLoss : LossSpec
    {
        /// <summary>Number of classes; null: the decoder's output channels.</summary>
        public int? Classes { get; init; }

        /// <inheritdoc />
        public override string KindName => "CrossEntropy";
    }

    /// <summary>
    /// A discriminator: stages applied to an image of the model's input shape, ending in logits.
    /// With minibatch discrimination (Salimans et al. 2016) the last stage must output a vector,
    /// to which B = <see cref="MinibatchKernels"/> similarity features are appended before a final
    /// linear layer to one logit.
    /// </summary>
    /// <param name="Stages">Stages, in order.</param>
    public sealed record DiscriminatorSpec(EquatableArray<StageSpec> Stages) : SpecElement
    {
        /// <summary>Append minibatch-discrimination features.</summary>
        public bool MinibatchDiscrimination { get; init; }

        /// <summary>Number of minibatch kernels B.</summary>
        public int MinibatchKernels { get; init; } = Defaults.MinibatchKernels;

        /// <summary>Dimension C of each minibatch kernel.</summary>
        public int MinibatchKernelDims { get; init; } = Defaults.MinibatchKernelDims;
    }
}
