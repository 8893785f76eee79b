using System;
using System.Collections.Generic;
using System.Linq;

namespace DslAe.Model
{
    /// <summary>A layer's inferred output, lowered arguments and learned values (weights and bias).</summary>
    internal sealed record LayerResult(Shape Output, LayerLowering Lowering, long Parameters);

    /// <summary>
    /// The shape rule of every layer kind: exact libtorch arithmetic, lowering to the arguments the
    /// emitter writes, and the diagnostics a kind can raise. Values were range-checked before
    /// (<see cref="ValueRules"/>), so kernels, strides and dilations are positive here.
    /// </summary>
    internal sealed class LayerRules
    {
        private readonly InferenceContext _context;

        public LayerRules(InferenceContext context)
        {
            _context = context;
        }

        /// <summary>The layer's result on <paramref name="input"/>, or null after reporting why there is none.</summary>
        /// <param name="stage">The stage whose layer runs.</param>
        /// <param name="input">The layer's input (after any skip merge).</param>
        /// <param name="path">Planned stages before this one on the same path (for fixes that name them).</param>
        public LayerResult? Apply(StageSpec stage, Shape input, IReadOnlyList<StagePlan> path)
        {
            switch (stage.Layer)
            {
                case FlattenLayer:
                    return NeedsImage(stage, input, "remove the Flatten stage") ? Flatten(stage, input) : null;
                case DenseLayer dense:
                    return NeedsVector(stage, input, Describe.Format("insert a Flatten stage before {0}", stage.Name)) ? Dense(dense, input) : null;
                case UnflattenLayer unflatten:
                    return NeedsVector(stage, input, Describe.Format("remove the Unflatten stage or insert a Flatten stage before {0}", stage.Name)) ? Unflatten(stage, unflatten, input, path) : null;
                case IdentityLayer:
                    return new LayerResult(input, IdentityLowering.Instance, 0);
            }

            if (!NeedsImage(stage, input, Describe.Format("insert an Unflatten stage before {0}", stage.Name)))
            {
                return null;
            }

            return stage.Layer switch
            {
                ConvLayer conv => Conv(stage, conv, input),
                ConvTransposeLayer convT => ConvTranspose(stage, convT, input),
                MaxPoolLayer maxPool => MaxPool(stage, maxPool, input),
                AvgPoolLayer avgPool => AvgPool(stage, avgPool, input),
                MaxUnpoolLayer unpool => MaxUnpool(stage, unpool, input, path),
                UpsampleLayer upsample => Upsample(stage, upsample, input),
                PixelShuffleLayer shuffle => PixelShuffle(stage, shuffle, input, path),
                ZeroUnpoolLayer zeros => ImageOutput(stage, input, input.Channels, (long)input.Height * zeros.Factor, (long)input.Width * zeros.Factor, ArgumentNames.Factor, "use a smaller factor")
                    is { } unpooled ? new LayerResult(unpooled, new ZeroUnpoolLowering(zeros.Factor), 0) : null,
                _ => throw new InvalidOperationException("Unknown layer kind " + stage.Layer.GetType().Name + "; add its rule to LayerRules."),
            };
        }

        private LayerResult? Conv(StageSpec stage, ConvLayer conv, Shape input)
        {
            if (!GroupsDivide(stage, input.Channels, conv.OutChannels, conv.Groups))
            {
                return null;
            }

            long outH, outW;
            int padH = 0, padW = 0;
            Pad2d? prePad = null;
            if (conv.Padding.Mode == PaddingMode.Same)
            {
                var h = SizeArithmetic.SamePadding(input.Height, conv.Kernel, conv.Stride, conv.Dilation);
                var w = SizeArithmetic.SamePadding(input.Width, conv.Kernel, conv.Stride, conv.Dilation);
                (outH, outW) = (h.Output, w.Output);
                if (h.Before == h.After && w.Before == w.After)
                {
                    (padH, padW) = ((int)h.Before, (int)w.Before);
                }
                else
                {
                    prePad = new Pad2d((int)w.Before, (int)w.After, (int)h.Before, (int)h.After);
                }
            }
            else
            {
                var padding = conv.Padding.Mode == PaddingMode.Valid ? 0 : conv.Padding.Amount;
                (padH, padW) = (padding, padding);
                outH = SizeArithmetic.ConvOut(input.Height, conv.Kernel, conv.Stride, padding, conv.Dilation);
                outW = SizeArithmetic.ConvOut(input.Width, conv.Kernel, conv.Stride, padding, conv.Dilation);
            }

            var output = ImageOutput(stage, input, conv.OutChannels, outH, outW, ArgumentNames.Kernel, Suggestion.Use(stage.Name, "use ", ArgumentNames.Padding, "Same", ", a smaller kernel or fewer down-sampling stages"));
            if (output is null)
            {
                return null;
            }

            if (conv.Padding.Mode != PaddingMode.Same)
            {
                WarnDroppedPixels(stage, input, output.Value, conv.Kernel, conv.Stride, padH, conv.Dilation, Suggestion.Use(stage.Name, "use ", ArgumentNames.Padding, "Same", ", or choose an input size the stride divides"));
            }

            var weights = (long)conv.OutChannels * (input.Channels / conv.Groups) * conv.Kernel * conv.Kernel;
            var lowering = new ConvLowering(input.Channels, conv.OutChannels, conv.Kernel, conv.Stride, padH, padW, conv.Dilation, conv.Groups, conv.Bias, prePad);
            return new LayerResult(output.Value, lowering, weights + (conv.Bias ? conv.OutChannels : 0));
        }

        private LayerResult? ConvTranspose(StageSpec stage, ConvTransposeLayer convT, Shape input)
        {
            if (!GroupsDivide(stage, input.Channels, convT.OutChannels, convT.Groups))
            {
                return null;
            }

            var h = TransposedPadding(convT);
            var outH = SizeArithmetic.ConvTransposeOut(input.Height, convT.Kernel, convT.Stride, h.Padding, h.OutputPadding, convT.Dilation) - h.Crop;
            var outW = SizeArithmetic.ConvTransposeOut(input.Width, convT.Kernel, convT.Stride, h.Padding, h.OutputPadding, convT.Dilation) - h.Crop;
            var output = ImageOutput(stage, input, convT.OutChannels, outH, outW, ArgumentNames.Padding, Suggestion.Use(stage.Name, "use less " + ArgumentSpelling.Name(ArgumentNames.Padding) + " or ", ArgumentNames.Padding, "Same"));
            if (output is null)
            {
                return null;
            }

            var postPad = h.Crop == 0 ? null : new Pad2d(0, -h.Crop, 0, -h.Crop);
            var weights = (long)input.Channels * (convT.OutChannels / convT.Groups) * convT.Kernel * convT.Kernel;
            var lowering = new ConvTransposeLowering(
                input.Channels, convT.OutChannels, convT.Kernel, convT.Stride, h.Padding, h.Padding,
                h.OutputPadding, h.OutputPadding, convT.Dilation, convT.Groups, convT.Bias, postPad);
            return new LayerResult(output.Value, lowering, weights + (convT.Bias ? convT.OutChannels : 0));
        }

        /// <summary>
        /// libtorch padding, output padding and right/bottom crop for a transposed convolution. They do
        /// not depend on the input size: <c>same</c> (no output padding) gives in·s by solving
        /// 2p − op = k_eff − s; Keras' rules otherwise (see docs/shapes.md).
        /// </summary>
        internal static (int Padding, int OutputPadding, int Crop) TransposedPadding(ConvTransposeLayer convT)
        {
            var kernel = (int)SizeArithmetic.EffectiveKernel(convT.Kernel, convT.Dilation);
            switch (convT.Padding.Mode)
            {
                case PaddingMode.Same when convT.OutputPadding is { } outputPadding:
                    return (kernel / 2, outputPadding, 0);
                case PaddingMode.Same:
                    var excess = kernel - convT.Stride;
                    if (excess < 0)
                    {
                        return (0, -excess, 0);
                    }

                    if (excess % 2 == 0)
                    {
                        return (excess / 2, 0, 0);
                    }

                    // One pixel too many either way: libtorch can add it as output padding only when
                    // stride or dilation exceed 1; otherwise pad less and crop the extra row/column.
                    return convT.Stride > 1 || convT.Dilation > 1 ? ((excess + 1) / 2, 1, 0) : (excess / 2, 0, 1);
                case PaddingMode.Valid:
                    return (0, convT.OutputPadding ?? Math.Max(convT.Stride - kernel, 0), 0);
                default:
                    return (convT.Padding.Amount, convT.OutputPadding ?? 0, 0);
            }
        }

        private LayerResult? MaxPool(StageSpec stage, MaxPoolLayer pool, Shape input)
        {
            var stride = pool.Stride ?? pool.Kernel;
            var output = Pool(stage, input, pool.Kernel, stride, pool.Padding, pool.Dilation, pool.CeilMode);
            if (output is null)
            {
                return null;
            }

            if (HasEmptyWindow(input, output.Value, pool.Kernel, stride, pool.Padding, pool.Dilation))
            {
                var fix = Suggestion.Use(stage.Name, "use less " + ArgumentSpelling.Name(ArgumentNames.Padding) + " or " + ArgumentSpelling.Name(ArgumentNames.Dilation) + ", or ", ArgumentNames.CeilMode, false);
                _context.ReportFixable(DiagnosticCatalogue.EmptyPoolingWindow, stage.LocationOf(ArgumentNames.Dilation), new[] { fix.Fix }, stage.Name, Describe.Layer(pool), input, fix.Text);
            }

            return new LayerResult(output.Value, new MaxPoolLowering(pool.Kernel, stride, pool.Padding, pool.Dilation, pool.CeilMode, pool.KeepIndices), 0);
        }

        private LayerResult? AvgPool(StageSpec stage, AvgPoolLayer pool, Shape input)
        {
            var stride = pool.Stride ?? pool.Kernel;
            var output = Pool(stage, input, pool.Kernel, stride, pool.Padding, 1, pool.CeilMode);
            return output is null
                ? null
                : new LayerResult(output.Value, new AvgPoolLowering(pool.Kernel, stride, pool.Padding, pool.CeilMode, pool.CountIncludePad), 0);
        }

        private Shape? Pool(StageSpec stage, Shape input, int kernel, int stride, int padding, int dilation, bool ceilMode)
        {
            var outH = SizeArithmetic.PoolOut(input.Height, kernel, stride, padding, dilation, ceilMode);
            var outW = SizeArithmetic.PoolOut(input.Width, kernel, stride, padding, dilation, ceilMode);
            var output = ImageOutput(stage, input, input.Channels, outH, outW, ArgumentNames.Kernel, "use a smaller kernel or fewer down-sampling stages");
            if (output is not null)
            {
                var fix = ceilMode ? "choose an input size the stride divides" : Suggestion.Use(stage.Name, "set ", ArgumentNames.CeilMode, true, ", or choose an input size divisible by the stride");
                WarnDroppedPixels(stage, input, output.Value, kernel, stride, padding, dilation, fix);
            }

            return output;
        }

        private LayerResult? MaxUnpool(StageSpec stage, MaxUnpoolLayer unpool, Shape input, IReadOnlyList<StagePlan> path)
        {
            var pool = _context.StageNamed(unpool.Of);
            var position = _context.PositionOf(stage.Name);
            var poolPosition = _context.PositionOf(unpool.Of);
            if (pool is not { Layer: MaxPoolLayer maxPool } || poolPosition >= position)
            {
                var received = pool is null ? "no stage of that name"
                    : poolPosition >= position ? "a stage that runs later"
                    : Describe.WithArticle(pool.Layer?.KindName ?? "layerless") + " stage";
                var candidates = MaxPoolsBefore(stage.Name);
                var fix = candidates.Length == 0
                    ? Describe.Format("add a MaxPool stage with {0} before {1}", ArgumentSpelling.Set(ArgumentNames.KeepIndices, "true"), stage.Name)
                    : Describe.Format("max-pooling stages before {0}: {1}", stage.Name, string.Join(", ", candidates));
                _context.Report(DiagnosticCatalogue.UnpoolWithoutPool, stage.LocationOf(ArgumentNames.Of), stage.Name, unpool.Of, received, fix);
                return null;
            }

            if (!maxPool.KeepIndices)
            {
                _context.ReportFixable(DiagnosticCatalogue.PoolWithoutIndices, stage.LocationOf(ArgumentNames.Of), new[] { ProposedFix.On(unpool.Of, ArgumentEdit.Set(ArgumentNames.KeepIndices, true)) }, stage.Name, unpool.Of);
                return null;
            }

            var poolPlan = _context.PlanOf(unpool.Of);
            if (poolPlan is null)
            {
                return null; // The pool itself failed and was reported; nothing more to say here.
            }

            if (poolPlan.Output != input)
            {
                var fix = input.Channels != poolPlan.Output.Channels
                    ? FixSuggestions.ToChannels(path, poolPlan.Output.Channels)
                    : FixSuggestions.ToReach(path, poolPlan.Output.Height, poolPlan.Output.Width);
                _context.ReportFixable(DiagnosticCatalogue.UnpoolInputMismatch, stage.LocationOf(ArgumentNames.Of), new[] { fix.Fix }, stage.Name, unpool.Of, poolPlan.Output, input, fix.Text);
                return null;
            }

            var stride = maxPool.Stride ?? maxPool.Kernel;
            if (EmptyWindowIndexOutsidePlane(poolPlan.Input, poolPlan.Output, maxPool.Kernel, stride, maxPool.Padding, maxPool.Dilation))
            {
                _context.Report(DiagnosticCatalogue.UnpoolEmptyWindows, stage.LocationOf(ArgumentNames.Of), stage.Name, unpool.Of, poolPlan.Input.Spatial);
                return null;
            }

            var lowering = new MaxUnpoolLowering(unpool.Of, maxPool.Kernel, stride, maxPool.Padding, poolPlan.Input.Height, poolPlan.Input.Width);
            return new LayerResult(new Shape(input.Channels, poolPlan.Input.Height, poolPlan.Input.Width), lowering, 0);
        }

        private static bool HasEmptyWindow(Shape input, Shape output, int kernel, int stride, int padding, int dilation) =>
            SizeArithmetic.PoolWindows(input.Height, output.Height, kernel, stride, padding, dilation).Empty.Any(e => e)
            || SizeArithmetic.PoolWindows(input.Width, output.Width, kernel, stride, padding, dilation).Empty.Any(e => e);

        /// <summary>
        /// Whether an empty window's index (first row tap · width + first column tap, as ATen's max
        /// pooling computes it) falls outside the plane, which max_unpool2d refuses.
        /// </summary>
        private static bool EmptyWindowIndexOutsidePlane(Shape input, Shape output, int kernel, int stride, int padding, int dilation)
        {
            var rows = SizeArithmetic.PoolWindows(input.Height, output.Height, kernel, stride, padding, dilation);
            var columns = SizeArithmetic.PoolWindows(input.Width, output.Width, kernel, stride, padding, dilation);
            var plane = (long)input.Height * input.Width;
            var lastRow = rows.FirstTap.Max();
            var lastColumn = columns.FirstTap.Max();
            return Enumerable.Range(0, rows.Empty.Length).Any(r => rows.Empty[r] && (rows.FirstTap[r] * input.Width) + lastColumn >= plane)
                || Enumerable.Range(0, columns.Empty.Length).Any(c => columns.Empty[c] && (lastRow * input.Width) + columns.FirstTap[c] >= plane);
        }

        private string[] MaxPoolsBefore(string name)
        {
            var position = _context.PositionOf(name) ?? int.MaxValue;
            return _context.Spec.Encoder.Concat(_context.Spec.Decoder)
                .Where(s => s.Layer is MaxPoolLayer && _context.PositionOf(s.Name) < position)
                .Select(s => s.Name)
                .ToArray();
        }

        private LayerResult? Upsample(StageSpec stage, UpsampleLayer upsample, Shape input)
        {
            long outH, outW;
            if (upsample.Size is { } size)
            {
                (outH, outW) = (size.Height, size.Width);
            }
            else
            {
                var scale = upsample.Scale ?? 1.0;
                (outH, outW) = (SizeArithmetic.ScaledSize(input.Height, scale), SizeArithmetic.ScaledSize(input.Width, scale));
            }

            var output = ImageOutput(stage, input, input.Channels, outH, outW, ArgumentNames.Scale, "use a larger " + ArgumentSpelling.Name(ArgumentNames.Scale) + " or an explicit " + ArgumentSpelling.Name(ArgumentNames.Height) + " and " + ArgumentSpelling.Name(ArgumentNames.Width));
            if (output is null)
            {
                return null;
            }

            bool? alignCorners = upsample.Mode == UpsampleMode.Nearest ? null : upsample.AlignCorners;
            return new LayerResult(output.Value, new UpsampleLowering(upsample.Mode, output.Value.Height, output.Value.Width, alignCorners), 0);
        }

        private LayerResult? PixelShuffle(StageSpec stage, PixelShuffleLayer shuffle, Shape input, IReadOnlyList<StagePlan> path)
        {
            var square = (long)shuffle.Factor * shuffle.Factor;
            if (input.Channels % square != 0)
            {
                var suggestion = ((input.Channels + square - 1) / square) * square;
                // The message names the stage before; an edit can make it only when that stage sets its channels.
                var before = path.Count > 0 && path[path.Count - 1].Stage.Layer is ConvLayer or ConvTransposeLayer ? path[path.Count - 1].Name : null;
                _context.ReportFixable(DiagnosticCatalogue.PixelShuffleChannels, stage.LocationOf(ArgumentNames.Factor),
                    new[] { before is null ? null : ProposedFix.On(before, ArgumentEdit.Set(ArgumentNames.OutChannels, suggestion)) },
                    stage.Name, shuffle.Factor, square, input.Channels, suggestion);
                return null;
            }

            var output = ImageOutput(stage, input, (int)(input.Channels / square), (long)input.Height * shuffle.Factor, (long)input.Width * shuffle.Factor, ArgumentNames.Factor, "use a smaller factor");
            return output is null ? null : new LayerResult(output.Value, new PixelShuffleLowering(shuffle.Factor), 0);
        }

        private LayerResult? Flatten(StageSpec stage, Shape input)
        {
            if (input.Features > int.MaxValue)
            {
                _context.Report(DiagnosticCatalogue.InvalidValue, stage.Location, stage.Name, "the flattened size", "at most " + int.MaxValue, input.Features);
                return null;
            }

            return new LayerResult(Shape.Vector((int)input.Features), new FlattenLowering((int)input.Features), 0);
        }

        private static LayerResult Dense(DenseLayer dense, Shape input) =>
            new(Shape.Vector(dense.OutFeatures), new DenseLowering(input.Channels, dense.OutFeatures, dense.Bias), ((long)input.Channels * dense.OutFeatures) + (dense.Bias ? dense.OutFeatures : 0));

        private LayerResult? Unflatten(StageSpec stage, UnflattenLayer unflatten, Shape input, IReadOnlyList<StagePlan> path)
        {
            var target = new Shape(unflatten.Channels, unflatten.Height, unflatten.Width);
            if (target.Features != input.Channels)
            {
                var fix = path.Count > 0 && path[path.Count - 1].Stage.Layer is DenseLayer
                    ? Suggestion.SetOn(path[path.Count - 1].Name, ArgumentNames.OutFeatures, target.Features)
                    : Describe.Format("choose an Unflatten shape with {0} values", input.Channels);
                _context.ReportFixable(DiagnosticCatalogue.UnflattenMismatch, stage.LocationOf(ArgumentNames.Shape), new[] { fix.Fix }, stage.Name, target, target.Features, input.Channels, fix.Text);
                return null;
            }

            return new LayerResult(target, new UnflattenLowering(unflatten.Channels, unflatten.Height, unflatten.Width), 0);
        }

        private bool GroupsDivide(StageSpec stage, int inChannels, int outChannels, int groups)
        {
            if (inChannels % groups == 0 && outChannels % groups == 0)
            {
                return true;
            }

            var (which, count) = inChannels % groups != 0 ? ("in", inChannels) : ("out", outChannels);
            var common = Gcd(inChannels, outChannels);
            var best = Enumerable.Range(1, Math.Min(groups, common)).Last(g => common % g == 0);
            var fix = Suggestion.Use(stage.Name, "use ", ArgumentNames.Groups, best, Describe.Format(" (divides {0} and {1})", inChannels, outChannels));
            _context.ReportFixable(DiagnosticCatalogue.GroupsMismatch, stage.LocationOf(ArgumentNames.Groups), new[] { fix.Fix }, stage.Name, which, count, ArgumentSpelling.Set(ArgumentNames.Groups, groups), fix.Text);
            return false;
        }

        private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

        /// <summary>The output image, or null after DSLAE004 when a size is below 1 (or DSLAE016 when absurdly large).</summary>
        private Shape? ImageOutput(StageSpec stage, Shape input, int channels, long height, long width, string argument, Suggestion fix)
        {
            if (height < 1 || width < 1)
            {
                _context.ReportFixable(DiagnosticCatalogue.NonPositiveSize, stage.LocationOf(argument), new[] { fix.Fix }, stage.Name, Describe.Layer(stage.Layer), input, Describe.Image(channels, height, width), fix.Text);
                return null;
            }

            if (height > int.MaxValue || width > int.MaxValue || (long)channels * height * width > int.MaxValue)
            {
                _context.Report(DiagnosticCatalogue.InvalidValue, stage.Location, stage.Name, "the output size", "at most " + int.MaxValue + " values", Describe.Image(channels, height, width));
                return null;
            }

            return new Shape(channels, (int)height, (int)width);
        }

        private void WarnDroppedPixels(StageSpec stage, Shape input, Shape output, int kernel, int stride, int padding, int dilation, Suggestion fix)
        {
            var rows = SizeArithmetic.UncoveredInput(input.Height, output.Height, kernel, stride, padding, dilation);
            var columns = SizeArithmetic.UncoveredInput(input.Width, output.Width, kernel, stride, padding, dilation);
            if (rows > 0 || columns > 0)
            {
                _context.ReportFixable(DiagnosticCatalogue.InputPixelsDropped, stage.LocationOf(ArgumentNames.Stride), new[] { fix.Fix }, stage.Name, Describe.Layer(stage.Layer), input, output, Describe.RowsAndColumns(rows, columns), fix.Text);
            }
        }

        private bool NeedsImage(StageSpec stage, Shape input, string fix)
        {
            if (!input.IsVector)
            {
                return true;
            }

            _context.Report(DiagnosticCatalogue.RankMismatch, stage.Location, stage.Name, stage.Layer.KindName, "an image", input, fix);
            return false;
        }

        private bool NeedsVector(StageSpec stage, Shape input, string fix)
        {
            if (input.IsVector)
            {
                return true;
            }

            _context.Report(DiagnosticCatalogue.RankMismatch, stage.Location, stage.Name, stage.Layer.KindName, "a vector", input, fix);
            return false;
        }
    }
}
