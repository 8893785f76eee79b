namespace DslAe.Model
{
    /// <summary>
    /// The code between encoder and decoder. Kinds: <see cref="ConvLatent"/>, <see cref="DenseLatent"/>,
    /// <see cref="VariationalLatent"/>, <see cref="LearnableLatent"/>. A model without a latent passes
    /// the encoder's output straight to the decoder.
    /// </summary>
    public abstract record LatentSpec : SpecElement
    {
        /// <summary>Only this library defines kinds, so every rule can handle every kind.</summary>
        private protected LatentSpec()
        {
        }

        /// <summary>The latent's stage name (unique like every stage name).</summary>
        public string Name { get; init; } = Defaults.LatentName;

        /// <summary>The kind's name as messages print it.</summary>
        public abstract string KindName { get; }
    }

    /// <summary>
    /// A convolutional code: a 1x1 convolution from the encoder's channels to <see cref="Channels"/>
    /// at the same spatial size; the decoder starts from the code itself (no projection back).
    /// </summary>
    /// <param name="Channels">Code channels.</param>
    public sealed record ConvLatent(int Channels) : LatentSpec
    {
        /// <inheritdoc />
        public override string KindName => "Conv";
    }

    /// <summary>
    /// A dense code: flatten, linear to <see cref="Dims"/>, then linear back to the encoder's output
    /// features and unflatten, so the decoder starts from the encoder's last shape.
    /// </summary>
    /// <param name="Dims">Code dimensions.</param>
    public sealed record DenseLatent(int Dims) : LatentSpec
    {
        /// <inheritdoc />
        public override string KindName => "Dense";
    }

    /// <summary>
    /// A variational code: two linear heads (mean and log-variance) to <see cref="Dims"/>, the
    /// reparameterisation z = μ + σ·ε, then the same projection back as <see cref="DenseLatent"/>.
    /// Pairs with a <see cref="KlLoss"/>.
    /// </summary>
    /// <param name="Dims">Code dimensions.</param>
    public sealed record VariationalLatent(int Dims) : LatentSpec
    {
        /// <inheritdoc />
        public override string KindName => "Variational";
    }

    /// <summary>How GLO codes are initialised.</summary>
    public enum CodeInit
    {
        /// <summary>Principal components of the training images.</summary>
        Pca,

        /// <summary>Standard normal, then projected onto the unit ball.</summary>
        Gaussian,
    }

    /// <summary>
    /// GLO-style per-sample learnable codes (decoder-only model: the encoder must be empty). Each
    /// training sample owns a code of <see cref="Dims"/> values, optimised by backpropagation and
    /// projected onto the unit ball. With <see cref="ProjectTo"/> the code is mapped by a linear
    /// layer and reshaped to that shape before the decoder; without it the decoder starts from the
    /// vector.
    /// </summary>
    /// <param name="Dims">Code dimensions.</param>
    public sealed record LearnableLatent(int Dims) : LatentSpec
    {
        /// <summary>Shape the decoder starts from; null: the code vector itself.</summary>
        public Shape? ProjectTo { get; init; }

        /// <summary>Learning rate of the codes; null: the optimiser's.</summary>
        public double? CodeLearningRate { get; init; }

        /// <summary>How codes start.</summary>
        public CodeInit Init { get; init; } = Defaults.LearnableCodeInit;

        /// <summary>Optimisation steps that fit a code to an image outside the training set (evaluation), the generator frozen.</summary>
        public int FitSteps { get; init; } = Defaults.LearnableFitSteps;

        /// <inheritdoc />
        public override string KindName => "Learned";
    }
}
