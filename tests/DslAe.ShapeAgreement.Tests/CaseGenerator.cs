using DslAe.Model;
using System.Runtime.InteropServices;
using TorchSharp;
using Padding = DslAe.Model.Padding;
using UpsampleMode = DslAe.Model.UpsampleMode;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DslAe.ShapeAgreement.Tests;

/// <summary>
/// Seeded random configurations of every layer kind. Sizes are tiny (batch 1, few channels) so
/// thousands run in seconds; geometry (sizes, kernels, strides, padding, dilation, output padding,
/// ceil mode, scale, factors, groups) is drawn widely, including values both sides must refuse.
/// Kernels of 0 are left out: a zero-size weight is not a configuration libtorch validates.
/// </summary>
internal sealed class CaseGenerator(int seed)
{
    private readonly Random _random = new(seed);

    public IEnumerable<AgreementCase> Generate(int count)
    {
        var kinds = new (string Kind, int Weight, Func<AgreementCase> Make)[]
        {
            ("Conv", 25, Conv), ("ConvTranspose", 25, ConvTranspose), ("MaxPool", 12, MaxPool), ("AvgPool", 8, AvgPool),
            ("MaxUnpool", 8, MaxUnpool), ("Upsample", 8, Upsample), ("PixelShuffle", 5, PixelShuffle),
            ("Dense", 5, Dense), ("HighPassSkip", 4, HighPass),
        };
        var total = kinds.Sum(k => k.Weight);
        for (var i = 0; i < count; i++)
        {
            var pick = _random.Next(total);
            foreach (var kind in kinds)
            {
                if (pick < kind.Weight)
                {
                    yield return kind.Make();
                    break;
                }

                pick -= kind.Weight;
            }
        }
    }

    private int Size(int max) => _random.Next(1, max + 1);

    /// <summary>Mostly <paramref name="valid"/>, sometimes a value libtorch must refuse.</summary>
    private int SometimesBad(int valid, int bad) => _random.Next(20) == 0 ? bad : valid;

    private static ModelSpec Single(Shape input, params StageSpec[] stages) => new("Agreement", null) { Input = input, Encoder = stages };

    private static Tensor Input(Shape shape) => zeros(1, shape.Channels, shape.Height, shape.Width);

    /// <summary>The TorchSharp mode of the same name (the two enums number their members differently).</summary>
    private static InterpolationMode Mode(UpsampleMode mode) => Enum.Parse<InterpolationMode>(mode.ToString());

    private AgreementCase Conv()
    {
        var (inChannels, outChannels, groups) = Channels();
        var input = new Shape(inChannels, Size(32), Size(32));
        var layer = new ConvLayer(outChannels, Size(7))
        {
            Stride = SometimesBad(Size(4), 0),
            Dilation = SometimesBad(Size(3), 0),
            Groups = groups,
            Padding = RandomPadding(),
        };
        return new AgreementCase("Conv", layer + " on " + input, Single(input, new StageSpec("Layer", layer)), plan =>
        {
            var weight = zeros(outChannels, Math.Max(input.Channels / groups, 1), layer.Kernel, layer.Kernel);
            var x = Input(input);
            if (plan.Encoder.Count == 1 && plan.Encoder[0].Layer is ConvLowering lowered)
            {
                if (lowered.PrePad is { } pad)
                {
                    x = F.pad(x, [pad.Left, pad.Right, pad.Top, pad.Bottom]);
                }

                return F.conv2d(x, weight, null, [lowered.Stride, lowered.Stride], [lowered.PaddingHeight, lowered.PaddingWidth], [lowered.Dilation, lowered.Dilation], lowered.Groups).shape;
            }

            // As for transposed convolutions (below): libtorch 2.10 aborts the process on a dilation below 1.
            if (layer.Dilation < 1)
            {
                throw new ExternalException("libtorch aborts the process on a convolution with dilation " + layer.Dilation);
            }

            // Rejected: as a PyTorch user would write it, through TorchSharp's module
            // (same → no padding; the rejection is elsewhere).
            var padding = layer.Padding.Mode == DslAe.Model.PaddingMode.Explicit ? layer.Padding.Amount : 0;
            using var module = nn.Conv2d(input.Channels, outChannels, layer.Kernel, stride: layer.Stride, padding: (long)padding, dilation: layer.Dilation, groups: groups);
            return module.call(x).shape;
        });
    }

    private AgreementCase ConvTranspose()
    {
        var (inChannels, outChannels, groups) = Channels();
        var input = new Shape(inChannels, Size(20), Size(20));
        var layer = new ConvTransposeLayer(outChannels, Size(6))
        {
            Stride = SometimesBad(Size(4), 0),
            Dilation = SometimesBad(Size(3), 0),
            Groups = groups,
            Padding = RandomPadding(),
            OutputPadding = _random.Next(2) == 0 ? null : _random.Next(0, 4),
        };
        return new AgreementCase("ConvTranspose", layer + " on " + input, Single(input, new StageSpec("Layer", layer)), plan =>
        {
            var weight = zeros(input.Channels, Math.Max(outChannels / groups, 1), layer.Kernel, layer.Kernel);
            var x = Input(input);
            if (plan.Encoder.Count == 1 && plan.Encoder[0].Layer is ConvTransposeLowering lowered)
            {
                var y = F.conv_transpose2d(x, weight, null, [lowered.Stride, lowered.Stride], [lowered.PaddingHeight, lowered.PaddingWidth],
                    [lowered.OutputPaddingHeight, lowered.OutputPaddingWidth], [lowered.Dilation, lowered.Dilation], lowered.Groups);
                return lowered.PostPad is { } pad ? F.pad(y, [pad.Left, pad.Right, pad.Top, pad.Bottom]).shape : y.shape;
            }

            // libtorch 2.10 on the CPU hands a dilation below 1 to oneDNN, whose dnnl::error escapes TorchSharp and aborts
            // the process (1.13 raised an error). That is a rejection too, so it is recorded without making the call.
            // DslAe rejects it at compile time (DSLAE004), so generated code never makes such a call.
            if (layer.Dilation < 1)
            {
                throw new ExternalException("libtorch aborts the process on a transposed convolution with dilation " + layer.Dilation);
            }

            // Rejected: PyTorch's reading (Keras same with an output padding uses k_eff / 2).
            var kernel = (layer.Dilation * (layer.Kernel - 1)) + 1;
            var padding = layer.Padding.Mode switch
            {
                DslAe.Model.PaddingMode.Explicit => layer.Padding.Amount,
                DslAe.Model.PaddingMode.Same when layer.OutputPadding is not null => kernel / 2,
                _ => 0,
            };

            // Likewise an empty output: oneDNN aborts ("could not construct a memory descriptor") where 1.13 raised an
            // error. PyTorch's own size formula (REFERENCE-FACTS.md) says when libtorch would be asked for one.
            long Out(int size) => ((size - 1) * (long)layer.Stride) - (2L * padding) + kernel + (layer.OutputPadding ?? 0);
            if (Out(input.Height) < 1 || Out(input.Width) < 1)
            {
                throw new ExternalException("libtorch aborts the process on a transposed convolution with an empty output");
            }
            using var module = nn.ConvTranspose2d(input.Channels, outChannels, layer.Kernel, stride: layer.Stride, padding: padding, output_padding: layer.OutputPadding ?? 0, dilation: layer.Dilation, groups: groups);
            return module.call(x).shape;
        });
    }

    /// <summary>Channels and groups: a third grouped, of which a fifth do not divide.</summary>
    private (int In, int Out, int Groups) Channels()
    {
        if (_random.Next(3) != 0)
        {
            return (Pick(1, 2, 3, 4, 6), Pick(1, 2, 3, 4, 6, 8), 1);
        }

        var groups = Pick(2, 3);
        return _random.Next(5) == 0
            ? (Pick(1, 2, 3, 4, 6), Pick(1, 2, 3, 4, 6, 8), groups)
            : (groups * Size(2), groups * Size(3), groups);
    }

    private Padding RandomPadding() => _random.Next(20) switch
    {
        < 7 => Padding.Same,
        < 11 => Padding.Valid,
        19 => Padding.Explicit(-1),
        _ => Padding.Explicit(_random.Next(0, 5)),
    };

    /// <summary>Pool padding: mostly within libtorch's limit of kernel / 2, sometimes just past it.</summary>
    private int PoolPadding(int kernel) => SometimesBad(_random.Next(0, (kernel / 2) + 1), (kernel / 2) + 1);

    private MaxPoolLayer RandomMaxPool(bool keepIndices)
    {
        var kernel = Size(5);
        return new MaxPoolLayer(kernel)
        {
            Stride = _random.Next(3) == 0 ? null : Size(4),
            Padding = PoolPadding(kernel),
            Dilation = Size(3),
            CeilMode = _random.Next(2) == 0,
            KeepIndices = keepIndices,
        };
    }

    private AgreementCase MaxPool()
    {
        var input = new Shape(Size(3), Size(24), Size(24));
        var layer = RandomMaxPool(_random.Next(2) == 0);
        return new AgreementCase("MaxPool", layer + " on " + input, Single(input, new StageSpec("Layer", layer)), _ =>
            MaxPool(Input(input), layer).Output.shape);
    }

    private AgreementCase AvgPool()
    {
        var input = new Shape(Size(3), Size(24), Size(24));
        var kernel = Size(5);
        var layer = new AvgPoolLayer(kernel)
        {
            Stride = _random.Next(3) == 0 ? null : Size(4),
            Padding = PoolPadding(kernel),
            CeilMode = _random.Next(2) == 0,
            CountIncludePad = _random.Next(2) == 0,
        };
        return new AgreementCase("AvgPool", layer + " on " + input, Single(input, new StageSpec("Layer", layer)), _ =>
            F.avg_pool2d(Input(input), [layer.Kernel, layer.Kernel], Pair(layer.Stride ?? layer.Kernel), [layer.Padding, layer.Padding], layer.CeilMode, layer.CountIncludePad).shape);
    }

    private AgreementCase MaxUnpool()
    {
        var input = new Shape(Size(3), Size(24), Size(24));
        var pool = RandomMaxPool(keepIndices: true);
        var spec = Single(input, new StageSpec("Pool", pool), new StageSpec("Layer", new MaxUnpoolLayer("Pool")));
        return new AgreementCase("MaxUnpool", pool + " then unpool on " + input, spec, plan =>
        {
            var (output, indices) = MaxPool(Input(input), pool);
            if (plan.Encoder.Count == 2 && plan.Encoder[1].Layer is MaxUnpoolLowering lowered)
            {
                // What generated code runs.
                return DslAe.MaxUnpooling.Unpool2d(output, indices, (lowered.OutputHeight, lowered.OutputWidth)).shape;
            }

            // Rejected: PyTorch's own max_unpool2d (through TorchSharp, with the padding that makes it honour the stride).
            var stride = pool.Stride ?? pool.Kernel;
            return F.max_unpool2d(output, indices, [pool.Kernel, pool.Kernel], [stride, stride], [pool.Padding, pool.Padding], [input.Height, input.Width]).shape;
        });
    }

    private AgreementCase Upsample()
    {
        var input = new Shape(Size(3), Size(16), Size(16));
        var mode = Pick(UpsampleMode.Nearest, UpsampleMode.Bilinear, UpsampleMode.Bicubic);
        var layer = _random.Next(3) == 0
            ? new UpsampleLayer(mode) { Size = new SpatialSize(Size(40), Size(40)) }
            : new UpsampleLayer(mode) { Scale = Pick(0.1, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 1.0 / 3.0) };
        layer = layer with { AlignCorners = mode != UpsampleMode.Nearest && _random.Next(2) == 0 };
        return new AgreementCase("Upsample", layer + " on " + input, Single(input, new StageSpec("Layer", layer)), plan =>
        {
            var torchMode = Mode(mode);
            var x = Input(input);
            var align = mode == UpsampleMode.Nearest ? (bool?)null : layer.AlignCorners == true;
            var raw = layer.Scale is { } scale
                ? F.interpolate(x, scale_factor: [scale, scale], mode: torchMode, align_corners: align)
                : F.interpolate(x, [layer.Size!.Value.Height, layer.Size.Value.Width], mode: torchMode, align_corners: align);
            if (plan.Encoder.Count == 1 && plan.Encoder[0].Layer is UpsampleLowering lowered)
            {
                // The lowering passes an explicit size: it must give what the declared scale gives.
                var viaLowering = F.interpolate(x, [lowered.OutputHeight, lowered.OutputWidth], mode: torchMode, align_corners: mode == UpsampleMode.Nearest ? null : lowered.AlignCorners == true).shape;
                if (!viaLowering.SequenceEqual(raw.shape))
                {
                    throw new InvalidOperationException("lowered size " + string.Join("x", viaLowering) + " differs from the scale's " + string.Join("x", raw.shape));
                }
            }

            return raw.shape;
        });
    }

    private AgreementCase PixelShuffle()
    {
        var factor = SometimesBad(Size(4), 0);
        var channels = _random.Next(2) == 0 ? Size(4) * Math.Max(factor * factor, 1) : Size(18);
        var input = new Shape(channels, Size(10), Size(10));
        var layer = new PixelShuffleLayer(factor);
        return new AgreementCase("PixelShuffle", layer + " on " + input, Single(input, new StageSpec("Layer", layer)), _ =>
            F.pixel_shuffle(Input(input), layer.Factor).shape);
    }

    private AgreementCase Dense()
    {
        var input = new Shape(Size(3), Size(6), Size(6));
        var outFeatures = _random.Next(3) == 0 ? Size(40) : (int)input.Features;
        var target = new UnflattenLayer(Size(4), Size(6), Size(6));
        if (_random.Next(3) != 0 && outFeatures % (target.Height * target.Width) == 0)
        {
            target = target with { Channels = outFeatures / (target.Height * target.Width) };
        }
        else if (_random.Next(2) == 0)
        {
            target = new UnflattenLayer(1, 1, outFeatures);
        }

        var spec = Single(input, new StageSpec("Flat", FlattenLayer.Instance), new StageSpec("Dense", new DenseLayer(outFeatures)), new StageSpec("Layer", target));
        return new AgreementCase("Dense", $"Flatten, Dense({outFeatures}), {target} on {input}", spec, _ =>
        {
            var flat = Input(input).flatten(1);
            var dense = F.linear(flat, zeros(outFeatures, flat.shape[1]));
            return dense.reshape(1, target.Channels, target.Height, target.Width).shape;
        });
    }

    private AgreementCase HighPass()
    {
        var input = new Shape(Size(3), Size(12), Size(12));
        var skip = new SkipSpec("Source") { Merge = MergeKind.Add, Filter = SkipFilter.HighPass };
        var spec = Single(input, new StageSpec("Source", IdentityLayer.Instance), new StageSpec("Layer", IdentityLayer.Instance) { Skip = skip });
        return new AgreementCase("HighPassSkip", "high-pass add skip on " + input, spec, plan =>
        {
            var x = Input(input);
            if (plan.Encoder.Count == 2 && plan.Encoder[1].Skip?.HighPass is { } filter)
            {
                var pooled = F.avg_pool2d(x, [filter.PoolKernel, filter.PoolKernel]);
                if (pooled.shape[2] != filter.PooledHeight || pooled.shape[3] != filter.PooledWidth)
                {
                    throw new InvalidOperationException("pooled size differs from the lowering's");
                }

                // What generated code runs.
                return (x + DslAe.SkipFilters.HighPass(x, filter.PoolKernel, (filter.OutputHeight, filter.OutputWidth), Mode(filter.Mode))).shape;
            }

            var rawLow = F.interpolate(F.avg_pool2d(x, [2, 2]), [input.Height, input.Width], mode: InterpolationMode.Bilinear, align_corners: false);
            return (x + (x - rawLow)).shape;
        });
    }

    private static (Tensor Output, Tensor Indices) MaxPool(Tensor x, MaxPoolLayer layer) =>
        F.max_pool2d_with_indices(x, [layer.Kernel, layer.Kernel], Pair(layer.Stride ?? layer.Kernel), [layer.Padding, layer.Padding], [layer.Dilation, layer.Dilation], layer.CeilMode);

    private static long[] Pair(int value) => [value, value];

    private T Pick<T>(params T[] values) => values[_random.Next(values.Length)];
}
