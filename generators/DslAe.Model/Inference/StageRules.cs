using System.Collections.Generic;
using System.Linq;

namespace DslAe.Model
{
    /// <summary>
    /// Plans whole stages and sequences of stages: skip merge, layer (via <see cref="LayerRules"/>),
    /// tied weight and norm, in that order, stopping a sequence at its first shape error.
    /// </summary>
    internal sealed class StageRules
    {
        private readonly InferenceContext _context;
        private readonly LayerRules _layers;
        private readonly ISet<string> _invalid;

        /// <param name="context">The run's state.</param>
        /// <param name="invalid">Names of stages whose values were invalid: their shapes are not inferred.</param>
        public StageRules(InferenceContext context, ISet<string> invalid)
        {
            _context = context;
            _layers = new LayerRules(context);
            _invalid = invalid;
        }

        /// <summary>Plans <paramref name="stages"/> from <paramref name="start"/>; the output is null when the sequence stopped early.</summary>
        public (List<StagePlan> Plans, Shape? Output) PlanSequence(IEnumerable<StageSpec> stages, Shape start, StageScope scope)
        {
            var plans = new List<StagePlan>();
            Shape? current = start;
            foreach (var stage in stages)
            {
                var plan = _invalid.Contains(stage.Name) ? null : PlanStage(stage, current.Value, scope, plans);
                if (plan is null)
                {
                    return (plans, null);
                }

                _context.RecordPlan(plan);
                plans.Add(plan);
                current = plan.Output;
            }

            return (plans, current);
        }

        private StagePlan? PlanStage(StageSpec stage, Shape incoming, StageScope scope, IReadOnlyList<StagePlan> path)
        {
            SkipLowering? skip = null;
            var input = incoming;
            if (stage.Skip is { } skipSpec)
            {
                var merged = Merge(stage, skipSpec, incoming, scope, path);
                if (merged is null)
                {
                    return null;
                }

                (input, skip) = merged.Value;
            }

            var layer = _layers.Apply(stage, input, path);
            if (layer is null)
            {
                return null;
            }

            var parameters = layer.Parameters;
            TiedLowering? tied = null;
            if (stage.TiedTo is { } source)
            {
                var tie = Tie(stage, source, layer, scope, path);
                if (tie is null)
                {
                    return null;
                }

                (tied, parameters) = tie.Value;
            }

            NormLowering? norm = null;
            if (stage.Norm is { } normSpec)
            {
                norm = Norm(stage, normSpec, layer.Output);
                if (norm is null)
                {
                    return null;
                }

                parameters += norm.Kind == NormKind.Layer ? 2 * norm.NormalizedShape.Features : 2L * norm.Channels;
            }

            return new StagePlan(stage, incoming, input, layer.Output, parameters, layer.Lowering) { Skip = skip, Norm = norm, Tied = tied };
        }

        private (Shape Input, SkipLowering Skip)? Merge(StageSpec stage, SkipSpec skip, Shape incoming, StageScope scope, IReadOnlyList<StagePlan> path)
        {
            var location = SkipLocation(stage, skip, ArgumentNames.Skip);
            // The model's input sits before every stage; the discriminator's input is another image, so not there.
            var readsInput = skip.From == Defaults.InputSkipSource && _context.PositionOf(skip.From) is null && scope != StageScope.Discriminator;
            var sourcePosition = readsInput ? -1 : _context.PositionOf(skip.From);
            var inScope = readsInput || scope != StageScope.Discriminator || _context.IsDiscriminatorStage(skip.From);
            if (sourcePosition is null || !inScope)
            {
                var similar = _context.SimilarName(skip.From);
                var hint = similar is null
                    ? Describe.Format("stages before {0} are {1}", stage.Name, _context.NamesBefore(stage.Name))
                    : Describe.Format("did you mean '{0}'?", similar);
                _context.Report(DiagnosticCatalogue.UnknownSkipSource, location, stage.Name, skip.From, hint);
                return null;
            }

            if (sourcePosition >= _context.PositionOf(stage.Name))
            {
                _context.Report(DiagnosticCatalogue.LaterSkipSource, location, stage.Name, skip.From, Describe.Format("stages before {0} are {1}", stage.Name, _context.NamesBefore(stage.Name)));
                return null;
            }

            if (_context.OutputOf(skip.From) is not { } source)
            {
                return null; // The source's own error was reported; this stage cannot be checked.
            }

            HighPassLowering? highPass = null;
            if (skip.Filter == SkipFilter.HighPass)
            {
                const int block = Defaults.HighPassPoolKernel;
                if (source.IsVector || source.Height < block || source.Width < block)
                {
                    _context.Report(DiagnosticCatalogue.HighPassTooSmall, SkipLocation(stage, skip, ArgumentNames.Filter), stage.Name, block, source.IsVector ? source.ToString() : source.Spatial, skip.From);
                    return null;
                }

                highPass = new HighPassLowering(block, source.Height / block, source.Width / block, Defaults.HighPassUpsampleMode, source.Height, source.Width);
            }

            var merge = skip.Merge.ToString().ToLowerInvariant();
            if (source.IsVector != incoming.IsVector || (!source.IsVector && !source.SameSpatial(incoming)))
            {
                var fix = source.IsVector || incoming.IsVector
                    ? "flatten or unflatten one side so both are images or both vectors"
                    : FixSuggestions.ToReach(path, source.Height, source.Width);
                var (expected, received) = source.IsVector || incoming.IsVector ? (source.ToString(), incoming.ToString()) : (source.Spatial, incoming.Spatial);
                _context.ReportFixable(DiagnosticCatalogue.MergeSizeMismatch, location, new[] { fix.Fix }, stage.Name, merge, skip.From, expected, received, fix.Text);
                return null;
            }

            if (skip.Merge == MergeKind.Add && source.Channels != incoming.Channels)
            {
                // Two proposals: the path's channels (when an edit makes them), and concatenation, which takes any.
                var channels = source.IsVector ? new Suggestion("make both vectors the same length") : FixSuggestions.ToChannels(path, source.Channels);
                var concat = Suggestion.Use(stage.Name, ", or use ", ArgumentNames.Merge, "Concat");
                _context.ReportFixable(DiagnosticCatalogue.MergeChannelMismatch, location, new[] { channels.Fix, concat.Fix }, stage.Name, skip.From, source.Channels, incoming.Channels, channels.Text + concat.Text);
                return null;
            }

            WarnBottleneckBypass(stage, skip, source, scope, readsInput);
            var input = skip.Merge == MergeKind.Add
                ? incoming
                : new Shape(incoming.Channels + source.Channels, incoming.Height, incoming.Width, incoming.IsVector);
            return (input, new SkipLowering(skip.From, skip.Merge, source, highPass) { ReadsInput = readsInput });
        }

        /// <summary>
        /// DSLAE012: an unfiltered encoder-to-decoder (or input-to-decoder) skip at the input's resolution lets a
        /// reconstruction model copy its input. Silent for high-pass skips, targets other than the input
        /// (labels, pixel labels, paired images) and corrupted inputs (the copy is then not the target).
        /// </summary>
        private void WarnBottleneckBypass(StageSpec stage, SkipSpec skip, Shape source, StageScope scope, bool readsInput)
        {
            var spec = _context.Spec;
            if (scope != StageScope.Decoder || skip.Filter == SkipFilter.HighPass || !(readsInput || _context.IsEncoderStage(skip.From))
                || spec.Input is not { } input || !source.SameSpatial(input)
                || spec.Corruption is not null || spec.Target.Kind != TargetKind.Input)
            {
                return;
            }

            var fix = Suggestion.Use(stage.Name, "make the skip high-pass (", ArgumentNames.Filter, true, "), drop it, or corrupt the input");
            _context.ReportFixable(DiagnosticCatalogue.FullResolutionSkip, SkipLocation(stage, skip, ArgumentNames.Skip), new[] { fix.Fix }, stage.Name, skip.From, source.Spatial, fix.Text);
        }

        private (TiedLowering Tied, long Parameters)? Tie(StageSpec stage, string source, LayerResult layer, StageScope scope, IReadOnlyList<StagePlan> path)
        {
            var location = stage.LocationOf(ArgumentNames.TiedTo);
            var sourceStage = _context.StageNamed(source);
            string? problem = null, fix = null;
            if (scope != StageScope.Decoder)
            {
                (problem, fix) = ("only decoder stages use tied weights", Describe.Format("remove {0} from {1}", ArgumentSpelling.Name(ArgumentNames.TiedTo), stage.Name));
            }
            else if (sourceStage is null || !_context.IsEncoderStage(source))
            {
                problem = sourceStage is null ? Describe.Format("'{0}' is not a stage of this model", source) : Describe.Format("{0} is not an encoder stage", source);
                fix = Describe.Format("encoder stages are {0}", _context.Spec.Encoder.IsEmpty ? "(none)" : string.Join(", ", _context.Spec.Encoder.Select(s => s.Name)));
            }
            else if (sourceStage.Layer is null)
            {
                return null; // Reported as an invalid value on the source stage.
            }
            else if (!(stage.Layer is ConvTransposeLayer && sourceStage.Layer is ConvLayer) && !(stage.Layer is DenseLayer && sourceStage.Layer is DenseLayer))
            {
                problem = Describe.Format("{0} stage cannot use {1} weight transposed", Describe.WithArticle(stage.Layer.KindName), Describe.WithArticle(sourceStage.Layer.KindName));
                fix = sourceStage.Layer switch
                {
                    ConvLayer => Describe.Format("make {0} a ConvTranspose", stage.Name),
                    DenseLayer => Describe.Format("make {0} a Dense stage", stage.Name),
                    _ => "tie to a Conv or Dense encoder stage",
                };
            }

            if (problem is not null)
            {
                _context.Report(DiagnosticCatalogue.InvalidTie, location, stage.Name, source, problem, fix!);
                return null;
            }

            if (_context.PlanOf(source) is not { } sourcePlan)
            {
                return null; // The encoder stage failed and was reported.
            }

            return (layer.Lowering, sourcePlan.Layer) switch
            {
                (ConvTransposeLowering decoder, ConvLowering encoder) => TieConv(stage, source, decoder, encoder, path),
                (DenseLowering decoder, DenseLowering encoder) => TieDense(stage, source, decoder, encoder, path),
                _ => null,
            };
        }

        private (TiedLowering, long)? TieConv(StageSpec stage, string source, ConvTransposeLowering decoder, ConvLowering encoder, IReadOnlyList<StagePlan> path)
        {
            // conv_transpose2d reads its weight as [In, Out/Groups, K, K]: exactly a conv's
            // [Out, In/Groups, K, K] seen from the other side, so the tensor is used as it is.
            var needed = new long[] { decoder.InChannels, decoder.OutChannels / decoder.Groups, decoder.Kernel, decoder.Kernel };
            var available = new long[] { encoder.OutChannels, encoder.InChannels / encoder.Groups, encoder.Kernel, encoder.Kernel };
            if (needed.SequenceEqual(available) && decoder.Groups == encoder.Groups)
            {
                return (new TiedLowering(source, Transpose: false), decoder.Bias ? decoder.OutChannels : 0);
            }

            var fix = decoder.Kernel != encoder.Kernel ? Suggestion.SetOn(stage.Name, ArgumentNames.Kernel, encoder.Kernel)
                : decoder.Groups != encoder.Groups ? Suggestion.SetOn(stage.Name, ArgumentNames.Groups, encoder.Groups)
                : decoder.OutChannels != encoder.InChannels ? Suggestion.SetOn(stage.Name, ArgumentNames.OutChannels, encoder.InChannels)
                : FixSuggestions.ToChannels(path, encoder.OutChannels);
            _context.ReportFixable(DiagnosticCatalogue.TiedWeightMismatch, stage.LocationOf(ArgumentNames.TiedTo), new[] { fix.Fix }, stage.Name, source, Describe.Weight(needed), Describe.Weight(available), fix.Text);
            return null;
        }

        private (TiedLowering, long)? TieDense(StageSpec stage, string source, DenseLowering decoder, DenseLowering encoder, IReadOnlyList<StagePlan> path)
        {
            // The decoder computes x·Wᵀ with W = encoderWeightᵀ, so it needs the encoder's weight
            // [Out, In] to be [decoder In, decoder Out].
            if (decoder.InFeatures == encoder.OutFeatures && decoder.OutFeatures == encoder.InFeatures)
            {
                return (new TiedLowering(source, Transpose: true), decoder.Bias ? decoder.OutFeatures : 0);
            }

            var fix = decoder.OutFeatures != encoder.InFeatures
                ? Suggestion.SetOn(stage.Name, ArgumentNames.OutFeatures, encoder.InFeatures)
                : Describe.Format("make the stage before {0} output {1} features", stage.Name, encoder.OutFeatures);
            _context.ReportFixable(DiagnosticCatalogue.TiedWeightMismatch, stage.LocationOf(ArgumentNames.TiedTo), new[] { fix.Fix }, stage.Name, source,
                Describe.Weight(decoder.InFeatures, decoder.OutFeatures), Describe.Weight(encoder.OutFeatures, encoder.InFeatures), fix.Text);
            return null;
        }

        private NormLowering? Norm(StageSpec stage, NormSpec norm, Shape output)
        {
            var channels = output.Channels;
            if (norm.Kind == NormKind.Group && channels % norm.Groups != 0)
            {
                var best = Enumerable.Range(1, System.Math.Min(norm.Groups, channels)).Last(g => channels % g == 0);
                var fix = Suggestion.Use(stage.Name, "use ", ArgumentNames.NormGroups, best);
                _context.ReportFixable(DiagnosticCatalogue.GroupsMismatch, stage.LocationOf(ArgumentNames.Norm), new[] { fix.Fix }, stage.Name, "norm", channels, ArgumentSpelling.Set(ArgumentNames.NormGroups, norm.Groups), fix.Text);
                return null;
            }

            return new NormLowering(norm.Kind, channels, norm.Kind == NormKind.Group ? norm.Groups : 0, output, output.IsVector);
        }

        private static SourceLocation SkipLocation(StageSpec stage, SkipSpec skip, string argument)
        {
            var location = skip.LocationOf(argument);
            return location.IsNone ? stage.LocationOf(ArgumentNames.Skip) : location;
        }
    }
}
