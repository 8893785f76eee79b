namespace DslAe;

/// <summary>
/// Marks a partial record (or class) as an autoencoder declaration for an input of
/// <paramref name="shape"/> = channels, height, width. Its stage properties, in declaration order, form
/// the encoder, the latent code and the decoder; the generator adds the module, loss, summary and loop.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AutoencoderAttribute(params int[] shape) : Attribute
{
    public int[] Shape { get; } = shape;
}

/// <summary>One weighted term of the loss; repeat the attribute to compose several.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LossAttribute(LossKind kind) : Attribute
{
    public LossKind Kind { get; } = kind;
    public double Weight { get; set; }
    /// <summary>Pyramid levels for <see cref="LossKind.LaplacianPyramid"/>.</summary>
    public int Levels { get; set; }
    /// <summary>Stages compared by <see cref="LossKind.Perceptual"/> and <see cref="LossKind.Style"/> (use <c>nameof</c>).</summary>
    public string[]? Layers { get; set; }
    /// <summary>Classes of <see cref="LossKind.CrossEntropy"/>; unset: the decoder's output channels.</summary>
    public int Classes { get; set; }
    /// <summary>The frozen network of <see cref="LossKind.Perceptual"/> and <see cref="LossKind.Style"/>; unset: a frozen copy of this model's encoder.</summary>
    public string? Network { get; set; }
}

/// <summary>Input corruption during training (denoising autoencoders); the target stays clean.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CorruptAttribute(Noise kind, double amount) : Attribute
{
    public Noise Kind { get; } = kind;
    /// <summary>Standard deviation for Gaussian noise, drop probability for masking and salt-and-pepper.</summary>
    public double Amount { get; } = amount;
}

/// <summary>Training settings; the command line's options override them.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TrainAttribute : Attribute
{
    public int Epochs { get; set; }
    public int Batch { get; set; }
    public OptimizerKind Optimizer { get; set; }
    public double Lr { get; set; }
    public double Momentum { get; set; }
    public bool Nesterov { get; set; }
    public double WeightDecay { get; set; }
    public Schedule Schedule { get; set; }
    /// <summary>Step schedule: epochs between decays.</summary>
    public int StepSize { get; set; }
    /// <summary>Step schedule: decay factor.</summary>
    public double Gamma { get; set; }
    /// <summary>Cosine schedule: the final learning rate.</summary>
    public double MinLr { get; set; }
    public double Beta1 { get; set; }
    public double Beta2 { get; set; }
    public double ClipNorm { get; set; }
    public int Seed { get; set; }
    public double Validation { get; set; }
    public int Patience { get; set; }
    public string? Data { get; set; }
    public string? DataPath { get; set; }
}
