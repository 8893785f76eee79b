using static TorchSharp.torch;

namespace DslAe;

/// <summary>The pieces of a variational code (Kingma &amp; Welling).</summary>
public static class Variational
{
    /// <summary>z = μ + σ·ε with ε ~ N(0, I) and σ = exp(½·log σ²): differentiable in μ and log σ².</summary>
    public static Tensor Sample(Tensor mean, Tensor logVariance)
    {
        var std = (logVariance * 0.5).exp();
        return mean + std * randn_like(std);
    }

    /// <summary>KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²), summed over the code and averaged over the batch.</summary>
    public static Tensor KlDivergence(Tensor mean, Tensor logVariance)
    {
        var perSample = (1.0 + logVariance - mean * mean - logVariance.exp()).sum(1) * -0.5;
        return perSample.mean();
    }
}
