using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslAe;

/// <summary>
/// Minibatch discrimination (Salimans et al. 2016), the layer a discriminator's <c>minibatch: true</c> appends: each
/// sample's features f(x_i) ∈ R^A are projected by a learnt tensor T ∈ R^{A×B×C} to M_i ∈ R^{B×C}; for each of the B
/// kernels, c_b(x_i, x_j) = exp(−‖M_{i,b} − M_{j,b}‖₁), and o(x_i)_b = Σ_{j≠i} c_b(x_i, x_j) (the self term, always 1,
/// excluded as the reference code does). The output is [f(x_i), o(x_i)], A + B features, so the discriminator sees how
/// alike the samples of a batch are, which a collapsed generator cannot hide.
/// </summary>
public sealed class MinibatchDiscrimination : nn.Module<Tensor, Tensor>
{
    private readonly int kernels;
    private readonly int kernelDims;

    /// <summary>A layer over <paramref name="features"/> inputs with B = <paramref name="kernels"/> kernels of C = <paramref name="kernelDims"/> dimensions; T starts as N(0, 1) draws scaled by 1/√A.</summary>
    public MinibatchDiscrimination(int features, int kernels, int kernelDims) : base("MinibatchDiscrimination")
    {
        (this.kernels, this.kernelDims) = (kernels, kernelDims);
        T = new Parameter(randn(features, kernels * kernelDims) / Math.Sqrt(features), requires_grad: true);
        T.DetachFromDisposeScope();
        register_parameter("T", T);
    }

    /// <summary>T as the [A, B·C] matrix the layer multiplies by. A setter, because TorchSharp's <c>to()</c> replaces parameters through their members.</summary>
    public Parameter T { get; private set; }

    /// <summary>[N, A] features to [N, A + B].</summary>
    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var m = features.matmul(T).reshape(-1, kernels, kernelDims);                 // [N, B, C]
        var distances = (m.unsqueeze(1) - m.unsqueeze(0)).abs().sum(3);                     // [N, N, B]
        var similarity = (-distances).exp().sum(1) - 1.0;                                     // the self term exp(0) = 1 removed
        return cat([features, similarity], 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void RegisterComponents()
    {
    }
}
