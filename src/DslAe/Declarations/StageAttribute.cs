namespace DslAe;

/// <summary>
/// Base of every stage attribute. A stage is one named step of the encoder or decoder; stages run in
/// declaration order, those before the <see cref="LatentAttribute"/> form the encoder, those after it the
/// decoder. Input channels are always inferred. Unset properties take the defaults documented in
/// docs/declarations.md; the generator reads only what you write.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public abstract class StageAttribute : Attribute
{
    /// <summary>Activation after the layer (and norm).</summary>
    public Act Act { get; set; }
    /// <summary>Leaky ReLU's negative slope or ELU's alpha; unset means PyTorch's default.</summary>
    public double ActParameter { get; set; }
    /// <summary>Normalisation after the layer, before the activation.</summary>
    public Norm Norm { get; set; }
    /// <summary>Number of groups when <see cref="Norm"/> is <see cref="DslAe.Norm.Group"/>.</summary>
    public int NormGroups { get; set; }
    /// <summary>Dropout probability after the activation; 0 means none.</summary>
    public double Dropout { get; set; }
    /// <summary>Name of an earlier stage whose output is merged into this stage's input (use <c>nameof</c>), or
    /// <see cref="Stage.Input"/> for the model's input.</summary>
    public string? Skip { get; set; }
    /// <summary>How <see cref="Skip"/> merges: channel concatenation (U-Net) or addition (residual/ladder).</summary>
    public Merge Merge { get; set; }
    /// <summary>Carry only the skip's high frequencies, <c>x - up(avg_pool(x))</c>, so low frequencies must
    /// cross the bottleneck.</summary>
    public bool HighPass { get; set; }
}

/// <summary>Type of every stage property: the stage's shape and size as inferred at compile time.</summary>
/// <param name="Name">The stage's name: the property's name.</param>
/// <param name="Kind">The stage's kind, e.g. "Conv" or "Latent Dense".</param>
/// <param name="OutputShape">The inferred output shape without the batch dimension; empty when it could not be inferred.</param>
/// <param name="ParameterCount">The stage's parameter count.</param>
public sealed record Stage(string Name, string Kind, int[] OutputShape, long ParameterCount)
{
    /// <summary>The <see cref="StageAttribute.Skip"/> source that names the model's input, e.g. <c>Skip = Stage.Input</c>
    /// (a stage declared with this name takes its place).</summary>
    public const string Input = "Input";

    /// <summary>Output shape as text, e.g. "32x14x14".</summary>
    public string ShapeText => string.Join("x", OutputShape);
}
