namespace DslAe;

/// <summary>A stage that only normalises (<see cref="StageAttribute.Norm"/> names the kind).</summary>
public sealed class NormStageAttribute(Norm kind) : StageAttribute
{
    public Norm Kind { get; } = kind;
}

/// <summary>A stage that only applies an activation.</summary>
public sealed class ActivationAttribute(Act kind) : StageAttribute
{
    public Act Kind { get; } = kind;
}

/// <summary>A stage that only applies dropout with probability <paramref name="p"/>.</summary>
public sealed class DropoutAttribute(double p) : StageAttribute
{
    public double P { get; } = p;
}
