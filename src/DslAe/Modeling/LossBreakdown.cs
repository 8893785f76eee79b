using static TorchSharp.torch;

namespace DslAe;

/// <summary>One weighted term of a loss, with its unweighted value.</summary>
/// <param name="Name">The term's name, as metrics and logs report it (e.g. "mse", "laplacian").</param>
/// <param name="Weight">The term's weight in the total.</param>
/// <param name="Value">The unweighted value, a scalar tensor.</param>
public readonly record struct LossTerm(string Name, double Weight, Tensor Value);

/// <summary>The total loss (the weighted sum that is minimised) and each term separately, for logging.</summary>
/// <param name="total">The weighted sum of the terms.</param>
/// <param name="terms">Each declared term.</param>
public sealed class LossBreakdown(Tensor total, params LossTerm[] terms)
{
    /// <summary>The weighted sum of the terms, a scalar tensor: what training minimises.</summary>
    public Tensor Total { get; } = total;
    /// <summary>Each declared term, in declaration order.</summary>
    public IReadOnlyList<LossTerm> Terms { get; } = terms;
}
