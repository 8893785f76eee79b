using DslAe.Torch;
using LibTorch = DslAe.Torch.Torch;

namespace DslAe.Training;

/// <summary>torch.nn.utils.clip_grad_norm_: scales all gradients together so their global L2 norm is at most a bound.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales every gradient by min(1, maxNorm / (‖g‖ + 1e-6)), ‖g‖ the L2 norm over all gradients at once
    /// (the direction of the update is kept). Returns ‖g‖ before clipping.
    /// </summary>
    public static double ClipGlobalNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNorm);
        using var scope = LibTorch.NewDisposeScope();
        using var noGrad = LibTorch.NoGrad();
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        if (grads.Count == 0) return 0;
        Tensor? sumOfSquares = null;
        foreach (var g in grads)
        {
            var s = g.To(ScalarType.Float32).Square().Sum();
            sumOfSquares = sumOfSquares is null ? s : sumOfSquares + s;
        }
        var norm = sumOfSquares!.Sqrt();
        // Multiplying by a clamped factor, not branching on it, keeps the step free of a device sync.
        var factor = (maxNorm / (norm + 1e-6)).ClampMax_(1.0);
        foreach (var g in grads) g.Mul_(factor.To(g.Dtype));
        return norm.Item<float>();
    }
}
