using static DslAe.Torch.Functional;

namespace DslAe.Torch.Tests;

/// <summary>Every functional op on deterministic inputs, compared with torch.nn.functional on the same values.</summary>
public class FunctionalTests
{
    private static (Tensor T, string Py) W(long[] shape, double phase = 0, double scale = 1) => Given.Wave(shape, phase, scale);

    /// <summary>Case name → (our computation, the same in Python). Inputs x (and w, b) are built identically on both sides.</summary>
    private static readonly Dictionary<string, Func<(Tensor Ours, string Python)>> Cases = new()
    {
        ["conv2d"] = () => With([2, 3, 7, 6], [4, 3, 3, 3], [4], (x, w, b) => Conv2d(x, w, b, stride: 2, padding: 1), "F.conv2d(x, w, b, stride=2, padding=1)"),
        ["conv2d_groups_dilation_rect"] = () => With([1, 4, 9, 9], [6, 2, 3, 3], [6], (x, w, b) => Conv2d(x, w, b, (1, 2), (1, 2), (2, 2), groups: 2),
            "F.conv2d(x, w, b, stride=(1, 2), padding=(1, 2), dilation=2, groups=2)"),
        ["conv2d_no_bias"] = () => With([1, 2, 5, 5], [3, 2, 1, 1], null, (x, w, _) => Conv2d(x, w), "F.conv2d(x, w)"),
        ["conv_transpose2d"] = () => With([2, 4, 5, 5], [4, 3, 3, 3], [3], (x, w, b) => ConvTranspose2d(x, w, b, stride: 2, padding: 1, outputPadding: 1),
            "F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1)"),
        ["conv_transpose2d_groups_dilation"] = () => With([1, 4, 4, 5], [4, 1, 3, 3], [2], (x, w, b) => ConvTranspose2d(x, w, b, (2, 2), (1, 0), (1, 1), 2, (2, 1)),
            "F.conv_transpose2d(x, w, b, stride=2, padding=(1, 0), output_padding=1, groups=2, dilation=(2, 1))"),
        ["linear"] = () => With([3, 5], [4, 5], [4], (x, w, b) => Linear(x, w, b), "F.linear(x, w, b)"),
        ["max_pool2d"] = () => With([2, 3, 7, 7], null, null, (x, _, _) => MaxPool2d(x, 3, 2, 1, ceilMode: true), "F.max_pool2d(x, 3, 2, 1, ceil_mode=True)"),
        ["max_pool2d_dilated"] = () => With([1, 2, 8, 9], null, null, (x, _, _) => MaxPool2d(x, (2, 3), (2, 1), (1, 1), (2, 1)),
            "F.max_pool2d(x, (2, 3), (2, 1), 1, dilation=(2, 1))"),
        ["max_pool2d_indices"] = () => With([2, 2, 5, 4], null, null, (x, _, _) => MaxPool2dWithIndices(x, 2).Indices.To(ScalarType.Float32),
            "F.max_pool2d(x, 2, return_indices=True)[1].float()"),
        ["max_unpool2d_odd_size"] = () => With([1, 2, 5, 5], null, null, (x, _, _) =>
        {
            var (o, i) = MaxPool2dWithIndices(x, 2);
            return MaxUnpool2d(o, i, (5, 5));
        }, "o, i = F.max_pool2d(x, 2, return_indices=True)\nresult = F.max_unpool2d(o, i, 2, output_size=(5, 5))"),
        ["max_unpool2d_default_size"] = () => With([1, 1, 4, 6], null, null, (x, _, _) =>
        {
            var (o, i) = MaxPool2dWithIndices(x, 2);
            return MaxUnpool2d(o, i, 2);
        }, "o, i = F.max_pool2d(x, 2, return_indices=True)\nresult = F.max_unpool2d(o, i, 2)"),
        ["avg_pool2d"] = () => With([2, 3, 7, 7], null, null, (x, _, _) => AvgPool2d(x, 3, 2, 1, ceilMode: true, countIncludePad: false),
            "F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False)"),
        ["adaptive_avg_pool2d"] = () => With([1, 2, 7, 5], null, null, (x, _, _) => AdaptiveAvgPool2d(x, (3, 2)), "F.adaptive_avg_pool2d(x, (3, 2))"),
        ["interpolate_nearest_size"] = () => With([1, 2, 3, 4], null, null, (x, _, _) => Interpolate(x, (5, 7)), "F.interpolate(x, size=(5, 7), mode='nearest')"),
        ["interpolate_nearest_scale"] = () => With([1, 2, 3, 4], null, null, (x, _, _) => Interpolate(x, 2.0), "F.interpolate(x, scale_factor=2, mode='nearest')"),
        ["interpolate_bilinear_scale"] = () => With([1, 2, 7, 5], null, null, (x, _, _) => Interpolate(x, 1.5, InterpolationMode.Bilinear),
            "F.interpolate(x, scale_factor=1.5, mode='bilinear')"),
        ["interpolate_bilinear_align"] = () => With([1, 2, 4, 5], null, null, (x, _, _) => Interpolate(x, (7, 9), InterpolationMode.Bilinear, alignCorners: true),
            "F.interpolate(x, size=(7, 9), mode='bilinear', align_corners=True)"),
        ["interpolate_bicubic"] = () => With([1, 1, 4, 4], null, null, (x, _, _) => Interpolate(x, (2.0, 3.0), InterpolationMode.Bicubic),
            "F.interpolate(x, scale_factor=(2, 3), mode='bicubic')"),
        ["pixel_shuffle"] = () => With([1, 8, 3, 2], null, null, (x, _, _) => PixelShuffle(x, 2), "F.pixel_shuffle(x, 2)"),
        ["pixel_unshuffle"] = () => With([1, 2, 4, 6], null, null, (x, _, _) => PixelUnshuffle(x, 2), "F.pixel_unshuffle(x, 2)"),
        ["pad_constant"] = () => With([1, 2, 3, 4], null, null, (x, _, _) => Pad(x, 1, 2, 0, 3, value: 0.5), "F.pad(x, (1, 2, 0, 3), value=0.5)"),
        ["pad_reflect"] = () => With([1, 2, 4, 4], null, null, (x, _, _) => Pad(x, 2, 1, 3, 0, PaddingMode.Reflect), "F.pad(x, (2, 1, 3, 0), mode='reflect')"),
        ["pad_replicate"] = () => With([1, 2, 3, 3], null, null, (x, _, _) => Pad(x, 2, 2, 1, 1, PaddingMode.Replicate), "F.pad(x, (2, 2, 1, 1), mode='replicate')"),
        ["pad_circular"] = () => With([1, 2, 3, 4], null, null, (x, _, _) => Pad(x, 1, 2, 2, 1, PaddingMode.Circular), "F.pad(x, (1, 2, 2, 1), mode='circular')"),
        ["batch_norm_training"] = () => With([4, 3, 2, 2], [3], [3], (x, w, b) => BatchNorm(x, Torch.Zeros([3]), Torch.Ones([3]), w, b, training: true),
            "F.batch_norm(x, torch.zeros(3), torch.ones(3), w, b, training=True)"),
        ["batch_norm_eval"] = () => With([2, 3, 2, 2], [3], [3], (x, w, b) => BatchNorm(x, w * 0.1, b!.Abs() + 0.5, w, b, training: false),
            "F.batch_norm(x, w * 0.1, b.abs() + 0.5, w, b, training=False)"),
        ["group_norm"] = () => With([2, 4, 3, 3], [4], [4], (x, w, b) => GroupNorm(x, 2, w, b), "F.group_norm(x, 2, w, b)"),
        ["layer_norm"] = () => With([2, 3, 4], [4], [4], (x, w, b) => LayerNorm(x, [4], w, b), "F.layer_norm(x, [4], w, b)"),
        ["dropout_eval_is_identity"] = () => With([2, 5], null, null, (x, _, _) => Dropout(x, 0.5, training: false), "F.dropout(x, 0.5, training=False)"),
        ["relu"] = () => With([3, 4], null, null, (x, _, _) => Relu(x), "F.relu(x)"),
        ["leaky_relu"] = () => With([3, 4], null, null, (x, _, _) => LeakyRelu(x, 0.2), "F.leaky_relu(x, 0.2)"),
        ["elu"] = () => With([3, 4], null, null, (x, _, _) => Elu(x, 0.7), "F.elu(x, 0.7)"),
        ["gelu"] = () => With([3, 4], null, null, (x, _, _) => Gelu(x), "F.gelu(x)"),
        ["gelu_tanh"] = () => With([3, 4], null, null, (x, _, _) => Gelu(x, tanhApproximation: true), "F.gelu(x, approximate='tanh')"),
        ["silu"] = () => With([3, 4], null, null, (x, _, _) => Silu(x), "F.silu(x)"),
        ["sigmoid"] = () => With([3, 4], null, null, (x, _, _) => Sigmoid(x), "torch.sigmoid(x)"),
        ["tanh"] = () => With([3, 4], null, null, (x, _, _) => Tanh(x), "torch.tanh(x)"),
        ["softmax"] = () => With([2, 3, 4], null, null, (x, _, _) => Softmax(x, 1), "F.softmax(x, 1)"),
        ["log_softmax"] = () => With([2, 3, 4], null, null, (x, _, _) => LogSoftmax(x, -1), "F.log_softmax(x, -1)"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Op_matches_PyTorch(string name)
    {
        using var scope = Torch.NewDisposeScope();
        var (ours, python) = Cases[name]();
        Expect.Close(ours, python, tolerance: 1e-5);
    }

    /// <summary>Builds x (and optionally w, b with other phases) on both sides and wraps the Python expression.</summary>
    private static (Tensor, string) With(long[] xShape, long[]? wShape, long[]? bShape, Func<Tensor, Tensor, Tensor?, Tensor> ours, string python)
    {
        var (x, px) = W(xShape);
        var (w, pw) = wShape is null ? (x, "x") : W(wShape, phase: 1, scale: 0.5);
        var (b, pb) = bShape is null ? (null, "None") : W(bShape, phase: 2, scale: 0.3);
        var setup = $"x = {px}\nw = {pw}\nb = {pb}\n";
        var code = python.Contains("result =") ? setup + python : $"{setup}result = {python}";
        return (ours(x, w, b), code);
    }

    [Fact]
    public void Max_pool_indices_are_flat_positions_per_plane()
    {
        using var x = Torch.FromArray([1f, 5f, 2f, 0f, 3f, 4f, 9f, 8f], [1, 1, 2, 4]);
        var (output, indices) = MaxPool2dWithIndices(x, 2);
        Assert.Equal([5f, 9f], output.ToArray<float>());
        Assert.Equal([1L, 6L], indices.ToArray<long>());
        output.Dispose();
        indices.Dispose();
    }

    [Fact]
    public void Dropout_in_training_zeroes_and_rescales()
    {
        using var scope = Torch.NewDisposeScope();
        Torch.ManualSeed(7);
        var values = Dropout(Torch.Ones([10000]), 0.25).ToArray<float>();
        Assert.All(values, v => Assert.True(v == 0f || Math.Abs(v - 1f / 0.75f) < 1e-6, $"unexpected value {v}"));
        var kept = values.Count(v => v != 0) / 10000.0;
        Assert.InRange(kept, 0.73, 0.77);
        Assert.Equal([1f, 1f], Dropout(Torch.Ones([2]), 0.0).ToArray<float>());
    }

    [Fact]
    public void Interpolate_rejects_align_corners_with_nearest()
    {
        using var x = Torch.Zeros([1, 1, 2, 2]);
        var e = Assert.Throws<TorchException>(() => Interpolate(x, 2.0, InterpolationMode.Nearest, alignCorners: true));
        Assert.Contains("align_corners", e.Message);
    }
}
