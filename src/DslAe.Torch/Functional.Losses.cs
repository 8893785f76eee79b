using DslAe.Torch.Interop;

namespace DslAe.Torch;

/// <summary>How a loss combines its per-element values; numbers are at::Reduction's.</summary>
public enum Reduction { None = 0, Mean = 1, Sum = 2 }

// Losses of torch.nn.functional.
public static partial class Functional
{
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) => Loss(LossKind.Mse, input, target, reduction);

    public static Tensor L1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) => Loss(LossKind.L1, input, target, reduction);

    public static Tensor SmoothL1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double beta = 1.0) =>
        Loss(LossKind.SmoothL1, input, target, reduction, a: beta);

    public static Tensor HuberLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double delta = 1.0) =>
        Loss(LossKind.Huber, input, target, reduction, a: delta);

    /// <summary>Binary cross entropy of probabilities <paramref name="input"/> in [0, 1].</summary>
    public static Tensor BinaryCrossEntropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) =>
        Loss(LossKind.Bce, input, target, reduction, weight);

    /// <summary>Binary cross entropy of logits (numerically stable sigmoid + BCE).</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor? weight = null, Tensor? posWeight = null, Reduction reduction = Reduction.Mean) =>
        Loss(LossKind.BceWithLogits, input, target, reduction, weight, posWeight);

    /// <summary>Cross entropy of logits (N, C, ...) against int64 class indices (N, ...).</summary>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignoreIndex = -100, double labelSmoothing = 0) =>
        Loss(LossKind.CrossEntropy, input, target, reduction, weight, a: labelSmoothing, index: ignoreIndex);

    /// <summary>Negative log likelihood of log-probabilities (N, C, ...) against int64 class indices.</summary>
    public static Tensor NllLoss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignoreIndex = -100) =>
        Loss(LossKind.Nll, input, target, reduction, weight, index: ignoreIndex);

    /// <summary>KL divergence with <paramref name="input"/> in log space (F.kl_div); Mean averages over all elements as PyTorch's 'mean'.</summary>
    public static Tensor KlDiv(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool logTarget = false) =>
        Loss(LossKind.KlDiv, input, target, reduction, a: logTarget ? 1 : 0);

    private static Tensor Loss(LossKind kind, Tensor input, Tensor target, Reduction reduction, Tensor? weight = null, Tensor? extra = null, double a = 0, long index = 0) =>
        Tensor.From(Native.dslae_loss(kind, input.Handle, target.Handle, Tensor.HandleOf(weight), Tensor.HandleOf(extra), (int)reduction, a, index, out var r), r);
}
