using static DslAe.Torch.Functional;

namespace DslAe.Torch.Tests;

/// <summary>
/// Autograd gradients of every differentiable op against central finite differences in float64:
/// d/dx_i sum(op(x) · r) with a fixed random-looking weight r, so every output element matters.
/// </summary>
public class GradCheckTests
{
    private static Tensor C(long[] shape, double phase) => Given.Wave(shape, phase, 0.5, ScalarType.Float64).Tensor;

    private static readonly Dictionary<string, (long[] Shape, Func<Tensor, Tensor> Op)> Cases = new()
    {
        ["conv2d_input"] = ([1, 2, 5, 4], x => Conv2d(x, C([3, 2, 3, 3], 1), C([3], 2), stride: 2, padding: 1)),
        ["conv2d_weight"] = ([3, 2, 3, 3], w => Conv2d(C([1, 2, 5, 4], 1), w, null, (1, 2), (1, 0), (2, 1))),
        ["conv_transpose2d_input"] = ([1, 2, 3, 3], x => ConvTranspose2d(x, C([2, 3, 3, 3], 1), C([3], 2), stride: 2, padding: 1, outputPadding: 1)),
        ["conv_transpose2d_weight"] = ([2, 1, 3, 3], w => ConvTranspose2d(C([1, 2, 3, 3], 1), w, null, (2, 2), (1, 1), (1, 0), 2, (1, 1))),
        ["linear"] = ([3, 4], x => Linear(x, C([2, 4], 1), C([2], 2))),
        ["max_pool2d"] = ([1, 2, 5, 5], x => MaxPool2d(x, 3, 2, 1)),
        ["max_unpool2d"] = ([1, 1, 5, 5], x =>
        {
            var (o, i) = MaxPool2dWithIndices(x, 2);
            return MaxUnpool2d(o, i, (5, 5));
        }),
        ["avg_pool2d"] = ([1, 2, 5, 5], x => AvgPool2d(x, 3, 2, 1, countIncludePad: false)),
        ["adaptive_avg_pool2d"] = ([1, 1, 5, 4], x => AdaptiveAvgPool2d(x, (3, 3))),
        ["interpolate_nearest"] = ([1, 1, 3, 3], x => Interpolate(x, 2.0)),
        ["interpolate_bilinear"] = ([1, 1, 3, 4], x => Interpolate(x, (5, 7), InterpolationMode.Bilinear)),
        ["interpolate_bicubic"] = ([1, 1, 3, 3], x => Interpolate(x, 2.0, InterpolationMode.Bicubic, alignCorners: true)),
        ["pixel_shuffle"] = ([1, 4, 2, 2], x => PixelShuffle(x, 2)),
        ["pad_reflect"] = ([1, 1, 3, 4], x => Pad(x, 2, 1, 1, 2, PaddingMode.Reflect)),
        ["pad_replicate"] = ([1, 1, 3, 3], x => Pad(x, 1, 2, 2, 1, PaddingMode.Replicate)),
        ["batch_norm_training"] = ([3, 2, 2, 2], x => BatchNorm(x, null, null, C([2], 1), C([2], 2), training: true)),
        ["group_norm"] = ([2, 4, 2, 2], x => GroupNorm(x, 2, C([4], 1), C([4], 2))),
        ["layer_norm"] = ([2, 3, 4], x => LayerNorm(x, [3, 4], C([3, 4], 1), C([3, 4], 2))),
        ["relu"] = ([3, 4], Relu),
        ["leaky_relu"] = ([3, 4], x => LeakyRelu(x, 0.2)),
        ["elu"] = ([3, 4], x => Elu(x, 0.7)),
        ["gelu"] = ([3, 4], x => Gelu(x)),
        ["silu"] = ([3, 4], Silu),
        ["sigmoid"] = ([3, 4], Sigmoid),
        ["tanh"] = ([3, 4], Tanh),
        ["softmax"] = ([2, 5], x => Softmax(x, 1)),
        ["log_softmax"] = ([2, 5], x => LogSoftmax(x, 0)),
        ["mse_loss"] = ([2, 5], x => MseLoss(x, C([2, 5], 1))),
        ["l1_loss"] = ([2, 5], x => L1Loss(x, C([2, 5], 1), Reduction.Sum)),
        ["smooth_l1_loss"] = ([2, 5], x => SmoothL1Loss(x, C([2, 5], 1), beta: 0.3)),
        ["bce"] = ([2, 5], x => BinaryCrossEntropy(x.Sigmoid(), C([2, 5], 1) + 0.5)),
        ["bce_with_logits"] = ([2, 5], x => BinaryCrossEntropyWithLogits(x, C([2, 5], 1) + 0.5)),
        ["cross_entropy"] = ([3, 4], x => CrossEntropy(x, Torch.FromArray([1L, 3, 0]), labelSmoothing: 0.1)),
        ["nll_loss"] = ([3, 4], x => NllLoss(x, Torch.FromArray([1L, 3, 0]), reduction: Reduction.Sum)),
        ["kl_div"] = ([2, 4], x => KlDiv(LogSoftmax(x, 1), Softmax(C([2, 4], 1), 1))),
        ["tensor_math"] = ([2, 3], x => (x * x + 1).Sqrt() / (x.Exp() + 2) - x.Pow(3).Mean(1, keepdim: true) + x.Abs().Log1p().Sum(0)),
        ["shape_ops"] = ([2, 3, 4], x => Torch.Cat(0, x.Permute(2, 0, 1).Flatten(), x.Slice(2, 1, null, 2).Reshape(-1), x.Narrow(1, 1, 2).Transpose(0, 2).Flatten())),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Autograd_gradient_matches_finite_differences(string name)
    {
        using var scope = Torch.NewDisposeScope();
        var (shape, op) = Cases[name];
        // Phase 0.3 keeps inputs away from 0, where relu/l1/max ties are not differentiable.
        var x0 = Given.Wave(shape, 0.3, 1, ScalarType.Float64).Tensor;
        using var probe = op(x0);
        var r = Given.Wave(probe.Shape, 0.9, 1, ScalarType.Float64).Tensor;

        var x = x0.Clone().RequiresGrad_();
        (op(x) * r).Sum().Backward();
        var analytic = x.Grad!.ToArray<double>();

        var values = x0.ToArray<double>();
        var numeric = new double[values.Length];
        const double h = 1e-6;
        for (var i = 0; i < values.Length; i++)
        {
            using var inner = Torch.NewDisposeScope();
            numeric[i] = (Objective(values, i, h) - Objective(values, i, -h)) / (2 * h);
        }
        Expect.Close(analytic, numeric, 1e-5, $"({name}: autograd vs finite differences)");

        double Objective(double[] v, int i, double delta)
        {
            var copy = (double[])v.Clone();
            copy[i] += delta;
            return (op(Torch.FromArray(copy, shape)) * r).Sum().Item<double>();
        }
    }
}
