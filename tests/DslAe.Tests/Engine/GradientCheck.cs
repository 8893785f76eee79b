using static TorchSharp.torch;

namespace DslAe.Tests.Engine;

/// <summary>
/// Autograd against central finite differences in float64: d/dx_i Σ(op(x) · r) with a fixed, irregular weight r, so
/// every output element counts. Independent of PyTorch: it checks that the backward our pieces get from libtorch is
/// the derivative of what their forward computes.
/// </summary>
public static class GradientCheck
{
    public static void Matches(long[] shape, Func<Tensor, Tensor> op, string what, double phase = 0.3, double h = 1e-6, double tolerance = 1e-6)
    {
        using var scope = NewDisposeScope();
        var x0 = Given.Wave(shape, phase, 1, ScalarType.Float64).Tensor;
        var probe = op(x0);
        Assert.Equal(ScalarType.Float64, probe.dtype);
        var r = Given.Wave(probe.shape, 0.9, 1, ScalarType.Float64).Tensor;

        var x = x0.clone().requires_grad_();
        (op(x) * r).sum().backward();
        var analytic = Expect.Values(x.grad!);
        Assert.Contains(analytic, g => Math.Abs(g) > 1e-3); // a check of an all-zero gradient proves nothing

        var values = Expect.Values(x0);
        var numeric = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            using var inner = NewDisposeScope();
            numeric[i] = (Objective(i, h) - Objective(i, -h)) / (2 * h);
        }
        Expect.Close(analytic, numeric, tolerance, $"({what}: autograd vs finite differences)");

        double Objective(int i, double delta)
        {
            var copy = (double[])values.Clone();
            copy[i] += delta;
            return (op(tensor(copy, shape)) * r).sum().item<double>();
        }
    }
}
