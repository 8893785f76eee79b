using static TorchSharp.torch;

namespace DslAe;

/// <summary>One weighted term of a loss, with its unweighted value.</summary>
public readonly record struct LossTerm(string Name, double Weight, Tensor Value);

/// <summary>The total loss (the weighted sum that is minimised) and each term separately, for logging.</summary>
public sealed class LossBreakdown(Tensor total, params LossTerm[] terms)
{
    public Tensor Total { get; } = total;
    public IReadOnlyList<LossTerm> Terms { get; } = terms;
}
