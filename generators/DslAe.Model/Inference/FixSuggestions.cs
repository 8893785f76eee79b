using System;
using System.Collections.Generic;
using System.Linq;

namespace DslAe.Model
{
    /// <summary>
    /// Computes the concrete fix a message proposes: which argument of which stage to change so a
    /// path reaches the size or channels expected. Fixes are computed with the same arithmetic as
    /// the check, so following one always clears the diagnostic it came with.
    /// </summary>
    internal static class FixSuggestions
    {
        /// <summary>
        /// A fix making the end of <paramref name="path"/> produce <paramref name="height"/> x <paramref name="width"/>.
        /// The fix goes to the last stage that changes the spatial size (stages after it keep it).
        /// </summary>
        public static Suggestion ToReach(IReadOnlyList<StagePlan> path, long height, long width)
        {
            var (text, _, fix) = ToReachAt(path, height, width, SourceLocation.None);
            return new Suggestion(text, fix);
        }

        /// <summary>
        /// <see cref="ToReach"/>, plus where to report it: the argument the fix changes when the user wrote it (a wrong
        /// <c>Stride = 3</c> is reported at that argument), else <paramref name="fallback"/>.
        /// </summary>
        public static (string Text, SourceLocation Location, ProposedFix? Fix) ToReachAt(IReadOnlyList<StagePlan> path, long height, long width, SourceLocation fallback)
        {
            var culprit = LastResizingStage(path);
            if (culprit is null)
            {
                return (Describe.Format("make the path before it produce {0}", Describe.Spatial(height, width)), fallback, null);
            }

            var target = Describe.Spatial(height, width);
            var change = culprit.Stage.Layer switch
            {
                ConvTransposeLayer t => Stride(culprit.Input, t.Padding, t.Stride, t.OutputPadding is null, transposed: true, height, width)
                    ?? ConvTranspose(culprit.Input, t, height, width),
                ConvLayer c => Stride(culprit.Input, c.Padding, c.Stride, true, transposed: false, height, width) ?? Conv(culprit.Input, c, height, width),
                MaxPoolLayer m => Pool(culprit.Input, m.Kernel, m.Stride ?? m.Kernel, m.Padding, m.Dilation, m.CeilMode, height, width),
                AvgPoolLayer a => Pool(culprit.Input, a.Kernel, a.Stride ?? a.Kernel, a.Padding, 1, a.CeilMode, height, width),
                UpsampleLayer u => Upsample(culprit.Input, u, height, width),
                _ => null,
            };
            if (change is null)
            {
                return (Describe.Format("change {0} (or a stage before it) so that it outputs {1}", culprit.Name, target), fallback, null);
            }

            var argument = change.Edits[0].Argument;
            argument = argument is ArgumentNames.Height or ArgumentNames.Width ? ArgumentNames.Size : argument;
            var written = culprit.Stage.ArgumentLocations.Any(a => a.Argument == argument);
            return (Describe.Format("set {0} on {1} to get {2}", change.Text, culprit.Name, target), written ? culprit.Stage.LocationOf(argument) : fallback,
                    new ProposedFix(culprit.Name, change.Edits));
        }

        /// <summary>A change of one stage's arguments: the words a message uses for it, and the edits.</summary>
        private sealed class Change
        {
            private Change(string text, ArgumentEdit[] edits)
            {
                Text = text;
                Edits = edits;
            }

            public string Text { get; }

            public ArgumentEdit[] Edits { get; }

            /// <summary>"«A = 1», «B = 2»": the edits as a list of marks.</summary>
            public static Change Of(params ArgumentEdit[] edits) => new(string.Join(", ", edits.Select(e => e.ToString())), edits);

            /// <summary>Edits worded as <paramref name="text"/>.</summary>
            public static Change Worded(string text, params ArgumentEdit[] edits) => new(text, edits);
        }

        /// <summary>
        /// "Stride = n" when <c>same</c> padding with another stride gives the target (out = in · s transposed, ceil(in / s)
        /// otherwise): the usual slip is the stride itself, and changing it keeps the layer's shape of mind.
        /// </summary>
        private static Change? Stride(Shape input, Padding padding, int stride, bool sameGivesMultiple, bool transposed, long height, long width)
        {
            if (padding.Mode != PaddingMode.Same || !sameGivesMultiple)
            {
                return null;
            }

            for (var candidate = 1; candidate <= Math.Max(input.Height, input.Width); candidate++)
            {
                var h = transposed ? (long)input.Height * candidate : SizeArithmetic.CeilDiv(input.Height, candidate);
                var w = transposed ? (long)input.Width * candidate : SizeArithmetic.CeilDiv(input.Width, candidate);
                if (candidate != stride && h == height && w == width)
                {
                    return Change.Of(ArgumentEdit.Set(ArgumentNames.Stride, candidate));
                }
            }

            return null;
        }

        /// <summary>A fix making the end of <paramref name="path"/> produce <paramref name="channels"/> channels.</summary>
        public static Suggestion ToChannels(IReadOnlyList<StagePlan> path, int channels)
        {
            for (var i = path.Count - 1; i >= 0; i--)
            {
                var plan = path[i];
                switch (plan.Stage.Layer)
                {
                    case ConvLayer or ConvTransposeLayer:
                        return new Suggestion(Describe.Format("set {0} on {1}", ArgumentSpelling.Set(ArgumentNames.OutChannels, channels), plan.Name),
                                              ProposedFix.On(plan.Name, ArgumentEdit.Set(ArgumentNames.OutChannels, channels)));
                    case UnflattenLayer u:
                        return new Suggestion(Describe.Format("set the Unflatten shape of {0} to {1}", plan.Name, Describe.Image(channels, u.Height, u.Width)));
                    case PixelShuffleLayer or DenseLayer or FlattenLayer:
                        return new Suggestion(Describe.Format("make {0} output {1} channels", plan.Name, channels));
                }
            }

            return new Suggestion(Describe.Format("add a Conv stage with {0} output channels", channels));
        }

        private static StagePlan? LastResizingStage(IReadOnlyList<StagePlan> path)
        {
            for (var i = path.Count - 1; i >= 0; i--)
            {
                var plan = path[i];
                if (plan.Input.IsVector || plan.Output.IsVector || !plan.Input.SameSpatial(plan.Output) || i == 0)
                {
                    return plan;
                }
            }

            return null;
        }

        private static Change? ConvTranspose(Shape input, ConvTransposeLayer layer, long height, long width)
        {
            var kernel = SizeArithmetic.EffectiveKernel(layer.Kernel, layer.Dilation);
            var limit = Math.Max(layer.Stride, layer.Dilation);
            var padding = layer.Padding.Mode switch
            {
                PaddingMode.Same => kernel / 2,
                PaddingMode.Valid => 0,
                _ => layer.Padding.Amount,
            };
            var outputPaddingH = height - SizeArithmetic.ConvTransposeOut(input.Height, layer.Kernel, layer.Stride, padding, 0, layer.Dilation);
            var outputPaddingW = width - SizeArithmetic.ConvTransposeOut(input.Width, layer.Kernel, layer.Stride, padding, 0, layer.Dilation);
            if (outputPaddingH == outputPaddingW && outputPaddingH >= 0 && outputPaddingH < limit)
            {
                return Change.Of(ArgumentEdit.Set(ArgumentNames.OutputPadding, outputPaddingH));
            }

            if (height == (long)input.Height * layer.Stride && width == (long)input.Width * layer.Stride)
            {
                return Change.Worded(ArgumentSpelling.Set(ArgumentNames.Padding, "Same") + " without " + ArgumentSpelling.Name(ArgumentNames.OutputPadding),
                                     ArgumentEdit.Set(ArgumentNames.Padding, "Same"), ArgumentEdit.Remove(ArgumentNames.OutputPadding));
            }

            for (var outputPadding = 0; outputPadding < limit; outputPadding++)
            {
                var twiceH = SizeArithmetic.ConvTransposeOut(input.Height, layer.Kernel, layer.Stride, 0, outputPadding, layer.Dilation) - height;
                var twiceW = SizeArithmetic.ConvTransposeOut(input.Width, layer.Kernel, layer.Stride, 0, outputPadding, layer.Dilation) - width;
                if (twiceH == twiceW && twiceH >= 0 && twiceH % 2 == 0)
                {
                    // Without an output padding the one already written is removed: the fix was computed for none.
                    return outputPadding == 0
                        ? Change.Worded(ArgumentSpelling.Set(ArgumentNames.Padding, twiceH / 2), ArgumentEdit.Set(ArgumentNames.Padding, twiceH / 2), ArgumentEdit.Remove(ArgumentNames.OutputPadding))
                        : Change.Of(ArgumentEdit.Set(ArgumentNames.Padding, twiceH / 2), ArgumentEdit.Set(ArgumentNames.OutputPadding, outputPadding));
                }
            }

            return null;
        }

        private static Change? Conv(Shape input, ConvLayer layer, long height, long width)
        {
            if (layer.Padding.Mode != PaddingMode.Same
                && SizeArithmetic.CeilDiv(input.Height, layer.Stride) == height
                && SizeArithmetic.CeilDiv(input.Width, layer.Stride) == width)
            {
                return Change.Of(ArgumentEdit.Set(ArgumentNames.Padding, "Same"));
            }

            var kernel = SizeArithmetic.EffectiveKernel(layer.Kernel, layer.Dilation);
            for (var padding = 0; padding <= kernel; padding++)
            {
                if (SizeArithmetic.ConvOut(input.Height, layer.Kernel, layer.Stride, padding, layer.Dilation) == height
                    && SizeArithmetic.ConvOut(input.Width, layer.Kernel, layer.Stride, padding, layer.Dilation) == width)
                {
                    return Change.Of(ArgumentEdit.Set(ArgumentNames.Padding, padding));
                }
            }

            return null;
        }

        private static Change? Pool(Shape input, int kernel, int stride, int padding, int dilation, bool ceilMode, long height, long width)
        {
            if (SizeArithmetic.PoolOut(input.Height, kernel, stride, padding, dilation, !ceilMode) == height
                && SizeArithmetic.PoolOut(input.Width, kernel, stride, padding, dilation, !ceilMode) == width)
            {
                return Change.Of(ArgumentEdit.Set(ArgumentNames.CeilMode, !ceilMode));
            }

            for (var candidate = 0; candidate <= kernel / 2; candidate++)
            {
                if (SizeArithmetic.PoolOut(input.Height, kernel, stride, candidate, dilation, ceilMode) == height
                    && SizeArithmetic.PoolOut(input.Width, kernel, stride, candidate, dilation, ceilMode) == width)
                {
                    return Change.Of(ArgumentEdit.Set(ArgumentNames.Padding, candidate));
                }
            }

            return null;
        }

        private static Change Upsample(Shape input, UpsampleLayer layer, long height, long width)
        {
            if (height % input.Height == 0 && width % input.Width == 0 && height / input.Height == width / input.Width)
            {
                // Explicit Height/Width would override the scale: they go.
                return Change.Worded(ArgumentSpelling.Set(ArgumentNames.Scale, height / input.Height), ArgumentEdit.Set(ArgumentNames.Scale, height / input.Height),
                                     ArgumentEdit.Remove(ArgumentNames.Height), ArgumentEdit.Remove(ArgumentNames.Width));
            }

            // A size the scale cannot reach: an explicit height and width, which replace the scale (one of the two only).
            var size = ArgumentSpelling.Set(ArgumentNames.Height, height) + ", " + ArgumentSpelling.Set(ArgumentNames.Width, width);
            return layer.Scale is null
                ? Change.Worded(size, ArgumentEdit.Set(ArgumentNames.Height, height), ArgumentEdit.Set(ArgumentNames.Width, width))
                : Change.Worded(size + " and remove " + ArgumentSpelling.Name(ArgumentNames.Scale), ArgumentEdit.Set(ArgumentNames.Height, height), ArgumentEdit.Set(ArgumentNames.Width, width), ArgumentEdit.Remove(ArgumentNames.Scale));
        }
    }
}
