using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DslAe.Tests.Engine;

/// <summary>
/// Every module call and functional op that generated modules and the runtime make, written in the exact TorchSharp
/// form the emitter writes (see the generator's snapshot tests), on deterministic inputs, against
/// torch.nn.functional in Debian's PyTorch 1.13. A difference here is a difference in every generated model.
/// </summary>
public sealed class EngineOpsTests
{
    private static (Tensor T, string Py) W(long[] shape, double phase = 0, double scale = 1) => Given.Wave(shape, phase, scale);

    /// <summary>Joins several results into one float64 vector on both sides (output and indices, output and buffers).</summary>
    private static Tensor Joined(params Tensor[] parts) => cat(parts.Select(p => p.to(ScalarType.Float64).flatten()).ToArray(), 0);

    private const string PyJoined = "def joined(*parts):\n    return torch.cat([p.double().flatten() for p in parts])\n";

    /// <summary>Case → (our computation, the Python snippet assigning <c>result</c>).</summary>
    private static readonly Dictionary<string, Func<(Tensor Ours, string Python)>> Cases = new()
    {
        // Convolutions as registered modules: nn.Conv2d(in, out, k, stride:, padding:, dilation:, groups:, bias:), then .call(x).
        ["conv2d module, stride 2, padding 1"] = () =>
        {
            var conv = nn.Conv2d(3, 4, 3, stride: 2, padding: 1, dilation: 1, groups: 1, bias: true);
            var (pw, pb) = (Given.Into(conv.weight!, 1), Given.Into(conv.bias!, 2, 0.3));
            var (x, px) = W([2, 3, 7, 6]);
            return (conv.call(x), $"x = {px}\nresult = F.conv2d(x, {pw}, {pb}, stride=2, padding=1)");
        },
        // padding 0 is left out by the emitter (the literal 0 is ambiguous with TorchSharp's Padding enum).
        ["conv2d module, kernel 4, no padding, odd input"] = () =>
        {
            var conv = nn.Conv2d(3, 5, 4, stride: 2, dilation: 1, groups: 1, bias: true);
            var (pw, pb) = (Given.Into(conv.weight!, 1), Given.Into(conv.bias!, 2, 0.3));
            var (x, px) = W([1, 3, 9, 9]);
            return (conv.call(x), $"x = {px}\nresult = F.conv2d(x, {pw}, {pb}, stride=2)");
        },
        ["conv2d module, groups 2, dilation 2, no bias"] = () =>
        {
            var conv = nn.Conv2d(4, 6, 3, stride: 1, padding: 2, dilation: 2, groups: 2, bias: false);
            var pw = Given.Into(conv.weight!, 1);
            var (x, px) = W([2, 4, 9, 7]);
            return (conv.call(x), $"x = {px}\nresult = F.conv2d(x, {pw}, None, stride=1, padding=2, dilation=2, groups=2)");
        },
        // A convolutional code's 1x1 projection: nn.Conv2d(in, code, 1) with TorchSharp's defaults.
        ["conv2d module, 1x1 code projection"] = () =>
        {
            var conv = nn.Conv2d(4, 3, 1);
            var (pw, pb) = (Given.Into(conv.weight!, 1), Given.Into(conv.bias!, 2, 0.3));
            var (x, px) = W([2, 4, 3, 5]);
            return (conv.call(x), $"x = {px}\nresult = F.conv2d(x, {pw}, {pb})");
        },
        ["conv_transpose2d module, stride 2, output padding 1"] = () =>
        {
            var deconv = nn.ConvTranspose2d(4, 3, 3, stride: 2, padding: 1, output_padding: 1, dilation: 1, groups: 1, bias: true);
            var (pw, pb) = (Given.Into(deconv.weight!, 1), Given.Into(deconv.bias!, 2, 0.3));
            var (x, px) = W([2, 4, 5, 5]);
            return (deconv.call(x), $"x = {px}\nresult = F.conv_transpose2d(x, {pw}, {pb}, stride=2, padding=1, output_padding=1)");
        },
        ["conv_transpose2d module, groups 2, dilation 2, odd input"] = () =>
        {
            var deconv = nn.ConvTranspose2d(4, 2, 3, stride: 2, padding: 1, output_padding: 1, dilation: 2, groups: 2, bias: true);
            var (pw, pb) = (Given.Into(deconv.weight!, 1), Given.Into(deconv.bias!, 2, 0.3));
            var (x, px) = W([1, 4, 3, 5]);
            return (deconv.call(x), $"x = {px}\nresult = F.conv_transpose2d(x, {pw}, {pb}, stride=2, padding=1, output_padding=1, groups=2, dilation=2)");
        },
        // Tied decoder: F.conv_transpose2d with the encoder Conv2d's weight ([out, in, k, k] read as [in, out, k, k]).
        ["conv_transpose2d tied to an encoder conv2d's weight"] = () =>
        {
            var enc = nn.Conv2d(2, 4, 3, stride: 2, padding: 1, dilation: 1, groups: 1, bias: true);
            var pw = Given.Into(enc.weight!, 1);
            var (bias, pb) = W([2], 2, 0.3);
            var (h, ph) = W([2, 4, 4, 3]);
            return (F.conv_transpose2d(h, enc.weight!, bias, strides: [2, 2], padding: [1, 1], output_padding: [1, 1], dilation: [1, 1], groups: 1),
                $"h = {ph}\nresult = F.conv_transpose2d(h, {pw}, {pb}, stride=2, padding=1, output_padding=1)");
        },
        ["conv_transpose2d tied, groups 2, no bias, padding 0"] = () =>
        {
            var enc = nn.Conv2d(4, 6, 3, stride: 2, dilation: 1, groups: 2, bias: false);
            var pw = Given.Into(enc.weight!, 1);
            var (h, ph) = W([1, 6, 3, 4]);
            return (F.conv_transpose2d(h, enc.weight!, null, strides: [2, 2], padding: [0, 0], output_padding: [0, 0], dilation: [1, 1], groups: 2),
                $"h = {ph}\nresult = F.conv_transpose2d(h, {pw}, None, stride=2, groups=2)");
        },
        // Dense stages: nn.Linear(in, out, hasBias:) modules, a code's nn.Linear(in, out), and the two tied forms.
        ["linear module"] = () =>
        {
            var fc = nn.Linear(5, 4, hasBias: true);
            var (pw, pb) = (Given.Into(fc.weight!, 1), Given.Into(fc.bias!, 2, 0.3));
            var (x, px) = W([3, 5]);
            return (fc.call(x), $"x = {px}\nresult = F.linear(x, {pw}, {pb})");
        },
        ["linear module without bias"] = () =>
        {
            var fc = nn.Linear(5, 4, hasBias: false);
            var pw = Given.Into(fc.weight!, 1);
            var (x, px) = W([3, 5]);
            return (fc.call(x), $"x = {px}\nresult = F.linear(x, {pw})");
        },
        ["linear tied with weight.t()"] = () =>
        {
            var fc = nn.Linear(6, 4);
            var pw = Given.Into(fc.weight!, 1);
            var (bias, pb) = W([6], 2, 0.3);
            var (h, ph) = W([3, 4]);
            return (F.linear(h, fc.weight!.t(), bias), $"h = {ph}\nresult = F.linear(h, {pw}.t(), {pb})");
        },
        ["linear tied without transpose, no bias"] = () =>
        {
            var fc = nn.Linear(5, 5);
            var pw = Given.Into(fc.weight!, 1);
            var (h, ph) = W([2, 5]);
            return (F.linear(h, fc.weight!, null), $"h = {ph}\nresult = F.linear(h, {pw}, None)");
        },

        // Pools, as written: kernel_size/strides/padding/dilation arrays and ceil_mode.
        ["max_pool2d_with_indices, kernel 2, odd 5x5"] = () =>
        {
            var (x, px) = W([2, 3, 5, 5]);
            var (o, i) = F.max_pool2d_with_indices(x, kernel_size: [2, 2], strides: [2, 2], padding: [0, 0], dilation: [1, 1], ceil_mode: false);
            return (Joined(o, i), $"{PyJoined}x = {px}\no, i = F.max_pool2d(x, 2, 2, 0, 1, ceil_mode=False, return_indices=True)\nresult = joined(o, i)");
        },
        ["max_pool2d_with_indices, kernel 3 stride 2 padding 1, ceil_mode"] = () =>
        {
            var (x, px) = W([1, 2, 7, 6]);
            var (o, i) = F.max_pool2d_with_indices(x, kernel_size: [3, 3], strides: [2, 2], padding: [1, 1], dilation: [1, 1], ceil_mode: true);
            return (Joined(o, i), $"{PyJoined}x = {px}\no, i = F.max_pool2d(x, 3, 2, 1, 1, ceil_mode=True, return_indices=True)\nresult = joined(o, i)");
        },
        ["max_pool2d_with_indices, dilation 2"] = () =>
        {
            var (x, px) = W([1, 2, 8, 7]);
            var (o, i) = F.max_pool2d_with_indices(x, kernel_size: [2, 2], strides: [1, 1], padding: [0, 0], dilation: [2, 2], ceil_mode: false);
            return (Joined(o, i), $"{PyJoined}x = {px}\no, i = F.max_pool2d(x, 2, 1, 0, 2, ceil_mode=False, return_indices=True)\nresult = joined(o, i)");
        },
        ["max_pool2d, kernel 2"] = () =>
        {
            var (x, px) = W([2, 2, 6, 6]);
            return (F.max_pool2d(x, kernel_size: [2, 2], strides: [2, 2], padding: [0, 0], dilation: [1, 1], ceil_mode: false),
                $"x = {px}\nresult = F.max_pool2d(x, 2, 2)");
        },
        ["max_pool2d, kernel 3 stride 2, ceil_mode, odd input"] = () =>
        {
            var (x, px) = W([1, 3, 7, 8]);
            return (F.max_pool2d(x, kernel_size: [3, 3], strides: [2, 2], padding: [0, 0], dilation: [1, 1], ceil_mode: true),
                $"x = {px}\nresult = F.max_pool2d(x, 3, 2, 0, 1, ceil_mode=True)");
        },
        ["avg_pool2d, kernel 2, odd input"] = () =>
        {
            var (x, px) = W([2, 2, 5, 5]);
            return (F.avg_pool2d(x, kernel_size: [2, 2], stride: [2, 2], padding: [0, 0], ceil_mode: false, count_include_pad: true),
                $"x = {px}\nresult = F.avg_pool2d(x, 2, 2, 0, ceil_mode=False, count_include_pad=True)");
        },
        ["avg_pool2d, padding 1, ceil_mode, count_include_pad false"] = () =>
        {
            var (x, px) = W([1, 2, 7, 6]);
            return (F.avg_pool2d(x, kernel_size: [3, 3], stride: [2, 2], padding: [1, 1], ceil_mode: true, count_include_pad: false),
                $"x = {px}\nresult = F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False)");
        },
        ["avg_pool2d, padding 1, ceil_mode, count_include_pad true"] = () =>
        {
            var (x, px) = W([1, 2, 7, 6]);
            return (F.avg_pool2d(x, kernel_size: [3, 3], stride: [2, 2], padding: [1, 1], ceil_mode: true, count_include_pad: true),
                $"x = {px}\nresult = F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=True)");
        },

        // Upsampling: F.interpolate(x, [H, W], mode:) with align_corners written for the interpolating modes.
        ["interpolate nearest to an odd size"] = () =>
        {
            var (x, px) = W([1, 2, 3, 4]);
            return (F.interpolate(x, [5, 7], mode: InterpolationMode.Nearest), $"x = {px}\nresult = F.interpolate(x, size=(5, 7), mode='nearest')");
        },
        ["interpolate bilinear, align_corners false"] = () =>
        {
            var (x, px) = W([1, 2, 4, 5]);
            return (F.interpolate(x, [7, 10], mode: InterpolationMode.Bilinear, align_corners: false),
                $"x = {px}\nresult = F.interpolate(x, size=(7, 10), mode='bilinear', align_corners=False)");
        },
        ["interpolate bilinear, align_corners true"] = () =>
        {
            var (x, px) = W([2, 1, 4, 5]);
            return (F.interpolate(x, [7, 9], mode: InterpolationMode.Bilinear, align_corners: true),
                $"x = {px}\nresult = F.interpolate(x, size=(7, 9), mode='bilinear', align_corners=True)");
        },
        ["interpolate bicubic, align_corners false"] = () =>
        {
            var (x, px) = W([1, 2, 4, 3]);
            return (F.interpolate(x, [8, 6], mode: InterpolationMode.Bicubic, align_corners: false),
                $"x = {px}\nresult = F.interpolate(x, size=(8, 6), mode='bicubic', align_corners=False)");
        },
        ["interpolate bicubic, align_corners true"] = () =>
        {
            var (x, px) = W([1, 1, 4, 4]);
            return (F.interpolate(x, [9, 7], mode: InterpolationMode.Bicubic, align_corners: true),
                $"x = {px}\nresult = F.interpolate(x, size=(9, 7), mode='bicubic', align_corners=True)");
        },
        ["pixel_shuffle 2"] = () =>
        {
            var (x, px) = W([1, 8, 3, 2]);
            return (F.pixel_shuffle(x, 2), $"x = {px}\nresult = F.pixel_shuffle(x, 2)");
        },
        ["pixel_shuffle 3"] = () =>
        {
            var (x, px) = W([2, 9, 2, 3]);
            return (F.pixel_shuffle(x, 3), $"x = {px}\nresult = F.pixel_shuffle(x, 3)");
        },
        // "same" padding of an even kernel: F.pad(x, [left, right, top, bottom]) before the convolution.
        ["pad right and bottom"] = () =>
        {
            var (x, px) = W([1, 2, 3, 4]);
            return (F.pad(x, [0, 1, 0, 1]), $"x = {px}\nresult = F.pad(x, (0, 1, 0, 1))");
        },
        ["pad asymmetric"] = () =>
        {
            var (x, px) = W([2, 1, 3, 3]);
            return (F.pad(x, [1, 2, 0, 3]), $"x = {px}\nresult = F.pad(x, (1, 2, 0, 3))");
        },
        ["cat along channels"] = () =>
        {
            var (a, pa) = W([2, 3, 2, 2]);
            var (b, pb) = W([2, 1, 2, 2], 1);
            return (cat([a, b], 1), $"result = torch.cat([{pa}, {pb}], 1)");
        },

        // Norms as modules with set affine parameters; batch norm in training (twice: running statistics) then eval.
        ["batch_norm2d module, training then eval"] = () =>
        {
            var bn = nn.BatchNorm2d(3);
            var (pw, pb) = (Given.Into(bn.weight!, 1), Given.Into(bn.bias!, 2, 0.3));
            var (x, px) = W([4, 3, 3, 2]);
            var first = bn.call(x);
            var second = bn.call(x * 2 + 1);
            bn.eval();
            var evaluated = bn.call(x);
            return (Joined(first, second, evaluated, bn.running_mean!, bn.running_var!, bn.num_batches_tracked!), $"""
                {PyJoined}x = {px}
                bn = torch.nn.BatchNorm2d(3)
                with torch.no_grad():
                    bn.weight.copy_({pw}); bn.bias.copy_({pb})
                first = bn(x)
                second = bn(x * 2 + 1)
                bn.eval()
                result = joined(first, second, bn(x), bn.running_mean, bn.running_var, bn.num_batches_tracked)
                """);
        },
        // GroupNorm as the emitter writes it: through DslAe.Norms, which gives it PyTorch's initial weight 1 and bias 0.
        ["group_norm from Norms.GroupNorm, as initialised"] = () =>
        {
            var gn = Norms.GroupNorm(2, 4);
            var (x, px) = W([2, 4, 3, 3]);
            return (gn.call(x), $"x = {px}\nresult = torch.nn.GroupNorm(2, 4)(x)");
        },
        ["group_norm from Norms.GroupNorm with set affine, training and eval"] = () =>
        {
            var gn = Norms.GroupNorm(2, 4);
            var (pw, pb) = (Given.Into(gn.weight!, 1), Given.Into(gn.bias!, 2, 0.3));
            var (x, px) = W([2, 4, 3, 3]);
            var training = gn.call(x);
            gn.eval();
            return (Joined(training, gn.call(x)), $"{PyJoined}x = {px}\ny = F.group_norm(x, 2, {pw}, {pb})\nresult = joined(y, y)");
        },
        ["batch_norm2d and layer_norm modules, as initialised"] = () =>
        {
            var bn = nn.BatchNorm2d(3);
            var ln = nn.LayerNorm([3, 2, 4]);
            var (x, px) = W([2, 3, 2, 4]);
            return (Joined(bn.call(x), ln.call(x)), $"{PyJoined}x = {px}\nresult = joined(torch.nn.BatchNorm2d(3)(x), torch.nn.LayerNorm([3, 2, 4])(x))");
        },
        ["layer_norm module over C, H, W, training and eval"] = () =>
        {
            var ln = nn.LayerNorm([3, 4, 2]);
            var (pw, pb) = (Given.Into(ln.weight!, 1), Given.Into(ln.bias!, 2, 0.3));
            var (x, px) = W([2, 3, 4, 2]);
            var training = ln.call(x);
            ln.eval();
            return (Joined(training, ln.call(x)), $"{PyJoined}x = {px}\ny = F.layer_norm(x, [3, 4, 2], {pw}, {pb})\nresult = joined(y, y)");
        },
        ["dropout in eval is the identity"] = () =>
        {
            var (x, px) = W([3, 7]);
            return (F.dropout(x, 0.3, false), $"x = {px}\nresult = F.dropout(x, 0.3, training=False)");
        },

        // Activations as written.
        ["relu"] = () => Act(x => F.relu(x), "F.relu(x)"),
        ["leaky_relu 0.2"] = () => Act(x => F.leaky_relu(x, 0.2), "F.leaky_relu(x, 0.2)"),
        ["elu 1.0"] = () => Act(x => F.elu(x, 1.0), "F.elu(x, 1.0)"),
        ["elu 0.5"] = () => Act(x => F.elu(x, 0.5), "F.elu(x, 0.5)"),
        ["gelu"] = () => Act(x => F.gelu(x), "F.gelu(x)"),
        ["silu"] = () => Act(x => F.silu(x), "F.silu(x)"),
        ["sigmoid"] = () => Act(x => F.sigmoid(x), "torch.sigmoid(x)"),
        ["tanh"] = () => Act(x => F.tanh(x), "torch.tanh(x)"),
        ["softmax over channels"] = () => Act(x => F.softmax(x, 1), "F.softmax(x, 1)"),

        // Losses as written: F.x_loss(pass.Output, target) with the default (mean) reduction.
        ["mse_loss"] = () => Loss((o, t) => F.mse_loss(o, t), "F.mse_loss(o, t)"),
        ["l1_loss"] = () => Loss((o, t) => F.l1_loss(o, t), "F.l1_loss(o, t)"),
        ["binary_cross_entropy"] = () => Loss((o, t) => F.binary_cross_entropy(o.sigmoid(), t), "F.binary_cross_entropy(o.sigmoid(), t)"),
        ["binary_cross_entropy_with_logits"] = () => Loss((o, t) => F.binary_cross_entropy_with_logits(o, t), "F.binary_cross_entropy_with_logits(o, t)"),
        ["cross_entropy with probability targets"] = () => Loss((o, t) => F.cross_entropy(o, F.softmax(t * 3, 1)), "F.cross_entropy(o, F.softmax(t * 3, 1))"),
        ["cross_entropy with class targets"] = () =>
        {
            var (o, po) = W([2, 4, 3, 3]);
            long[] classes = [0, 3, 1, 2, 2, 0, 1, 3, 3, 1, 0, 2, 2, 1, 3, 0, 0, 1];
            return (F.cross_entropy(o, tensor(classes, [2, 3, 3])),
                $"o = {po}\nresult = F.cross_entropy(o, torch.tensor([{string.Join(", ", classes)}]).reshape(2, 3, 3))");
        },
    };

    private static (Tensor, string) Act(Func<Tensor, Tensor> op, string python)
    {
        var (x, px) = W([2, 3, 2, 4], 0, 3);
        return (op(x), $"x = {px}\nresult = {python}");
    }

    /// <summary>A loss of an output against a target in (0, 1), as reconstructions and images are.</summary>
    private static (Tensor, string) Loss(Func<Tensor, Tensor, Tensor> op, string python)
    {
        var (o, po) = W([2, 4, 3, 3], 0, 2);
        var (t, pt) = W([2, 4, 3, 3], 1, 0.45);
        return (op(o, t + 0.5), $"o = {po}\nt = {pt} + 0.5\nresult = {python}");
    }

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Op_matches_PyTorch(string name)
    {
        using var scope = NewDisposeScope();
        var (ours, python) = Cases[name]();
        Expect.Close(ours, python, tolerance: 1e-5);
    }

    [Fact]
    public void Max_pool_indices_are_flat_positions_within_each_plane()
    {
        // Unpooling (ours and PyTorch's) relies on this layout: index = row · W + column of the input plane.
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 5, 2, 0, 3, 4, 9, 8, /* plane 2 */ 7, 0, 0, 0, 0, 0, 0, 6 }, [1, 2, 2, 4]);
        var (output, indices) = F.max_pool2d_with_indices(x, kernel_size: [2, 2], strides: [2, 2], padding: [0, 0], dilation: [1, 1], ceil_mode: false);
        Assert.Equal([5f, 9f, 7f, 6f], output.data<float>().ToArray());
        Assert.Equal(ScalarType.Int64, indices.dtype);
        Assert.Equal([1L, 6L, 0L, 7L], indices.data<long>().ToArray());
    }

    [Fact]
    public void Dropout_in_training_zeroes_about_p_and_rescales_the_rest()
    {
        using var scope = NewDisposeScope();
        using var generator = manual_seed(7);
        var (x, _) = W([20000], 0.3);
        var y = F.dropout(x, 0.25, true);
        var (xs, ys) = (x.data<float>().ToArray(), y.data<float>().ToArray());
        var kept = 0;
        for (var i = 0; i < xs.Length; i++)
        {
            if (ys[i] == 0f) continue;
            kept++;
            Assert.True(Math.Abs(ys[i] - xs[i] / 0.75f) <= 1e-6 * Math.Max(1, Math.Abs(xs[i])), $"element {i}: {ys[i]} is neither 0 nor {xs[i]} / 0.75");
        }
        Assert.InRange(kept / 20000.0, 0.74, 0.76);
        Assert.Equal(xs, F.dropout(x, 0.0, true).data<float>().ToArray());
    }

    [Fact]
    public void Batch_norm_of_a_dense_stage_normalises_its_vectors_as_in_PyTorch()
    {
        // The emitter gives a Dense stage's batch norm (Dense(..., Norm = Norm.Batch)) an nn.BatchNorm1d (TorchSharp's
        // BatchNorm2d refuses [N, features]) and calls it on the stage's output. PyTorch's reference is F.batch_norm on
        // the vectors (torch.nn.BatchNorm1d).
        using var scope = NewDisposeScope();
        var bn = nn.BatchNorm1d(5);
        var (x, px) = W([6, 5]);
        var y = bn.call(x);
        Expect.Close(Joined(y, bn.running_mean!, bn.running_var!), $"""
            {PyJoined}x = {px}
            rm, rv = torch.zeros(5), torch.ones(5)
            y = F.batch_norm(x, rm, rv, torch.ones(5), torch.zeros(5), training=True, momentum=0.1)
            result = joined(y, rm, rv)
            """);
    }

    [Fact]
    public void A_tied_weights_gradient_accumulates_from_encoder_and_decoder_as_in_PyTorch()
    {
        // One parameter used twice (encoder Conv2d module and tied conv_transpose2d) must get the sum of both uses'
        // gradients, as the same graph in PyTorch gives.
        using var scope = NewDisposeScope();
        var enc = nn.Conv2d(1, 3, 3, stride: 2, padding: 1, dilation: 1, groups: 1, bias: true);
        var (pw, pb) = (Given.Into(enc.weight!, 1), Given.Into(enc.bias!, 2, 0.3));
        var (decBias, pd) = W([1], 3, 0.2);
        var dec = decBias.clone().requires_grad_();
        var (x, px) = W([2, 1, 6, 5]);
        var h = F.relu(enc.call(x));
        var y = F.conv_transpose2d(h, enc.weight!, dec, strides: [2, 2], padding: [1, 1], output_padding: [1, 0], dilation: [1, 1], groups: 1);
        var (r, pr) = W(y.shape, 0.9);
        (y * r).sum().backward();
        Expect.Close(Joined(y, enc.weight!.grad!, enc.bias!.grad!, dec.grad!), $"""
            {PyJoined}x = {px}
            w = {pw}.requires_grad_()
            b = {pb}.requires_grad_()
            d = {pd}.requires_grad_()
            y = F.conv_transpose2d(F.relu(F.conv2d(x, w, b, stride=2, padding=1)), w, d, stride=2, padding=1, output_padding=(1, 0))
            (y * {pr}).sum().backward()
            result = joined(y, w.grad, b.grad, d.grad)
            """);
    }

    [Fact]
    public void A_tied_linear_weights_gradient_accumulates_through_the_transpose_as_in_PyTorch()
    {
        using var scope = NewDisposeScope();
        var fc = nn.Linear(6, 4, hasBias: true);
        var (pw, pb) = (Given.Into(fc.weight!, 1), Given.Into(fc.bias!, 2, 0.3));
        var (backBias, pd) = W([6], 3, 0.2);
        var back = backBias.clone().requires_grad_();
        var (x, px) = W([3, 6]);
        var y = F.linear(F.relu(fc.call(x)), fc.weight!.t(), back);
        var (r, pr) = W(y.shape, 0.9);
        (y * r).sum().backward();
        Expect.Close(Joined(y, fc.weight!.grad!, fc.bias!.grad!, back.grad!), $"""
            {PyJoined}x = {px}
            w = {pw}.requires_grad_()
            b = {pb}.requires_grad_()
            d = {pd}.requires_grad_()
            y = F.linear(F.relu(F.linear(x, w, b)), w.t(), d)
            (y * {pr}).sum().backward()
            result = joined(y, w.grad, b.grad, d.grad)
            """);
    }
}
