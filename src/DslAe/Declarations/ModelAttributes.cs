namespace DslAe;

/// <summary>
/// Marks a partial record (or class) as an autoencoder declaration for an input of
/// <paramref name="shape"/> = channels, height, width. Its stage properties, in declaration order, form
/// the encoder, the latent code and the decoder; the generator adds the module, loss, summary and loop.
/// </summary>
/// <param name="shape">Channels, height and width of one input sample; three positive numbers (DSLAE105, DSLAE021).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AutoencoderAttribute(params int[] shape) : Attribute
{
    /// <summary>Channels, height and width of one input sample.</summary>
    public int[] Shape { get; } = shape;
}

/// <summary>One weighted term of the loss; repeat the attribute to compose several.</summary>
/// <param name="kind">Which loss the term computes.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LossAttribute(LossKind kind) : Attribute
{
    /// <summary>Which loss the term computes.</summary>
    public LossKind Kind { get; } = kind;
    /// <summary>The term's weight in the sum; default 1.0.</summary>
    public double Weight { get; set; }
    /// <summary>Pyramid levels for <see cref="LossKind.LaplacianPyramid"/>.</summary>
    public int Levels { get; set; }
    /// <summary>Stages compared by <see cref="LossKind.Perceptual"/> and <see cref="LossKind.Style"/> (use <c>nameof</c>).</summary>
    public string[]? Layers { get; set; }
    /// <summary>Classes of <see cref="LossKind.CrossEntropy"/>; unset: the decoder's output channels.</summary>
    public int Classes { get; set; }
    /// <summary>The frozen network of <see cref="LossKind.Perceptual"/> and <see cref="LossKind.Style"/>: another model of the project (<c>nameof</c>), whose encoder stages <see cref="Layers"/> names; unset: this model's own encoder.</summary>
    public string? Network { get; set; }
    /// <summary><see cref="LossKind.Perceptual"/>, <see cref="LossKind.Style"/>: a safetensors file of the network's
    /// weights (a run's model.safetensors, or one PyTorch wrote), relative to the working directory; unset: the network
    /// as initialised with a fixed seed (random features).</summary>
    public string? Weights { get; set; }
    /// <summary><see cref="LossKind.Adversarial"/>: append minibatch-discrimination features (Salimans et al. 2016) to the discriminator's last vector.</summary>
    public bool Minibatch { get; set; }
    /// <summary><see cref="LossKind.Adversarial"/> with <see cref="Minibatch"/>: number of kernels B; default 32.</summary>
    public int MinibatchKernels { get; set; }
    /// <summary><see cref="LossKind.Adversarial"/> with <see cref="Minibatch"/>: dimension C of each kernel; default 8.</summary>
    public int MinibatchKernelDims { get; set; }
}

/// <summary>Input corruption during training (denoising autoencoders); the target stays clean.</summary>
/// <param name="kind">Which corruption.</param>
/// <param name="amount">Standard deviation (<see cref="Noise.Gaussian"/>) or probability (<see cref="Noise.Masking"/>, <see cref="Noise.SaltPepper"/>).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CorruptAttribute(Noise kind, double amount) : Attribute
{
    /// <summary>Which corruption.</summary>
    public Noise Kind { get; } = kind;
    /// <summary>Standard deviation for Gaussian noise; for masking and salt-and-pepper, the probability that a value is replaced.</summary>
    public double Amount { get; } = amount;
}

/// <summary>
/// What the output is compared with (docs/declarations.md#target). Without this attribute a model reconstructs its
/// input. The output-shape rule (DSLAE001) checks the decoder's end against the target's shape, and each loss must fit
/// the target (DSLAE033): cross-entropy for labels, image losses for images.
/// </summary>
/// <param name="kind">The target: the input, class labels, per-pixel class labels or a paired image.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TargetAttribute(TargetKind kind) : Attribute
{
    /// <summary>The target.</summary>
    public TargetKind Kind { get; } = kind;
    /// <summary>Labels and pixel labels: the number of classes K (at least 2); unset: the decoder's output channels (or length).</summary>
    public int Classes { get; set; }
    /// <summary>Image: the target's size over the input's; the input is the data's image downscaled by it. Default 2.</summary>
    public int Scale { get; set; }
    /// <summary>Image: the output is the bicubic upsampling of the input plus the decoder's output (residual learning).</summary>
    public bool Residual { get; set; }
}

/// <summary>
/// Pre-train, then fine-tune (docs/declarations.md#finetune): after training as an autoencoder, drop the decoder and
/// train a classifier head on the encoder's code with labelled images; the same encoder and head are also trained from
/// random initialisation and both test accuracies reported. The command line's <c>--labels N</c> picks how many
/// labelled images (a seeded choice).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FineTuneAttribute : Attribute
{
    /// <summary>The head's classes K (at least 2; required).</summary>
    public int Classes { get; set; }
    /// <summary>Keep the encoder's weights fixed and train only the head; default true. False trains both.</summary>
    public bool Freeze { get; set; } = true;
    /// <summary>Width of a hidden ReLU layer in the head; 0 (default): one linear layer from the code to K logits.</summary>
    public int Hidden { get; set; }
    /// <summary>Passes over the labelled images; default 20.</summary>
    public int Epochs { get; set; }
    /// <summary>Adam's learning rate; default 1e-3.</summary>
    public double Lr { get; set; }
    /// <summary>How many labelled training images (a seeded choice); unset: all. <c>--labels</c> overrides it.</summary>
    public int Labels { get; set; }
}

/// <summary>Training settings; the command line's options override them.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TrainAttribute : Attribute
{
    /// <summary>Passes over the training data; default 10.</summary>
    public int Epochs { get; set; }
    /// <summary>Mini-batch size; default 64.</summary>
    public int Batch { get; set; }
    /// <summary>The optimiser; default <see cref="OptimizerKind.Adam"/>.</summary>
    public OptimizerKind Optimizer { get; set; }
    /// <summary>Learning rate; default 1e-3.</summary>
    public double Lr { get; set; }
    /// <summary>SGD momentum; default 0.</summary>
    public double Momentum { get; set; }
    /// <summary>SGD Nesterov momentum; default false.</summary>
    public bool Nesterov { get; set; }
    /// <summary>Weight decay; default 0 (<see cref="OptimizerKind.AdamW"/>: 0.01).</summary>
    public double WeightDecay { get; set; }
    /// <summary>Learning-rate schedule; default <see cref="DslAe.Schedule.None"/>.</summary>
    public Schedule Schedule { get; set; }
    /// <summary>Step schedule: epochs between decays.</summary>
    public int StepSize { get; set; }
    /// <summary>Step schedule: decay factor.</summary>
    public double Gamma { get; set; }
    /// <summary>Cosine schedule: the final learning rate.</summary>
    public double MinLr { get; set; }
    /// <summary>Adam's beta1; default 0.9.</summary>
    public double Beta1 { get; set; }
    /// <summary>Adam's beta2; default 0.999.</summary>
    public double Beta2 { get; set; }
    /// <summary>Clip the global gradient norm to this value; unset: no clipping.</summary>
    public double ClipNorm { get; set; }
    /// <summary>Random seed of the initial weights, the validation split, the shuffling, corruption and dropout; default 42.</summary>
    public int Seed { get; set; }
    /// <summary>Fraction of the training data held out for validation; default 0.1.</summary>
    public double Validation { get; set; }
    /// <summary>Stop after this many epochs without validation improvement; unset: never.</summary>
    public int Patience { get; set; }
    /// <summary>Data set name, e.g. <c>"fashion-mnist"</c>; with neither this nor <see cref="DataPath"/> a run uses Fashion-MNIST.</summary>
    public string? Data { get; set; }
    /// <summary>Where the data set lives: a folder of Fashion-MNIST IDX files or of PNG/JPEG images; unset: the data set's usual place.</summary>
    public string? DataPath { get; set; }
    /// <summary>
    /// The memory a training step may use, e.g. <c>"2GB"</c> or <c>"8 GiB"</c> (KB/MB/GB: powers of 1000, KiB/MiB/GiB:
    /// of 1024); when the declared batch's step needs more (the compile-time cost estimate), a warning names the largest
    /// batch that fits. Unset: no budget.
    /// </summary>
    public string? MemoryBudget { get; set; }
}
