namespace DslAe;

/// <summary>A stage that only normalises; <paramref name="kind"/> names the norm. The shape is unchanged.</summary>
/// <param name="kind"><see cref="DslAe.Norm.Batch"/>, <see cref="DslAe.Norm.Group"/> (with <see cref="StageAttribute.NormGroups"/>) or <see cref="DslAe.Norm.Layer"/>.</param>
public sealed class NormStageAttribute(Norm kind) : StageAttribute
{
    /// <summary>The normalisation.</summary>
    public Norm Kind { get; } = kind;
}

/// <summary>A stage that only applies an activation.</summary>
/// <param name="kind">The activation (with <see cref="StageAttribute.ActParameter"/> for <see cref="DslAe.Act.LeakyRelu"/> and <see cref="DslAe.Act.Elu"/>).</param>
public sealed class ActivationAttribute(Act kind) : StageAttribute
{
    /// <summary>The activation.</summary>
    public Act Kind { get; } = kind;
}

/// <summary>A stage that only applies dropout with probability <paramref name="p"/>.</summary>
/// <param name="p">Dropout probability.</param>
public sealed class DropoutAttribute(double p) : StageAttribute
{
    /// <summary>Dropout probability.</summary>
    public double P { get; } = p;
}
