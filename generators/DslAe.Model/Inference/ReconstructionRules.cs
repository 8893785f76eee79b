using System;
using System.Collections.Generic;
using System.Linq;

namespace DslAe.Model
{
    /// <summary>
    /// DSLAE001: the decoder must end at the target's shape (<see cref="Target"/>). When the target has the input's
    /// height and width, the decoder is read against the encoder's ladder of spatial sizes in mirror order, to name
    /// where things go wrong: the first decoder stage whose size leaves the ladder is where the paths diverge.
    /// </summary>
    internal sealed class ReconstructionRules
    {
        private readonly InferenceContext _context;

        public ReconstructionRules(InferenceContext context)
        {
            _context = context;
        }

        /// <summary>
        /// The shape the decoder must produce: the input's for reconstruction; [K] logits for class labels; K x H x W
        /// logits for per-pixel labels of an H x W input; C x (H·scale) x (W·scale) for a paired image. K is the
        /// target's classes, else a cross-entropy loss's, else the output's own channels (or length).
        /// </summary>
        public static Shape Target(ModelSpec spec, Shape input, Shape output)
        {
            var target = spec.Target;
            var classes = target.Classes ?? spec.Losses.OfType<CrossEntropyLoss>().Select(l => l.Classes).FirstOrDefault(c => c is not null) ?? output.Channels;
            return target.Kind switch
            {
                TargetKind.Labels => Shape.Vector(classes),
                TargetKind.PixelLabels => new Shape(classes, input.Height, input.Width),
                TargetKind.Image => new Shape(input.Channels, Scaled(input.Height, target.Scale), Scaled(input.Width, target.Scale)),
                _ => input,
            };
        }

        private static int Scaled(int size, int scale) => (int)Math.Min(int.MaxValue, (long)size * Math.Max(1, scale));

        public void Check(Shape input, IReadOnlyList<StagePlan> encoder, LatentPlan? latent, IReadOnlyList<StagePlan> decoder, Shape output)
        {
            var target = Target(_context.Spec, input, output);
            if (output == target)
            {
                return;
            }

            // The ladder is the input's sizes: only a target of the input's size is read against it.
            if (output.SameSpatial(target) || !target.SameSpatial(input))
            {
                ReportEnd(target, output, latent, decoder, rung: 0);
                return;
            }

            var ladder = Ladder(input, encoder);
            var start = latent?.Output ?? (encoder.Count > 0 ? encoder[encoder.Count - 1].Output : input);
            var rung = start.IsVector ? -1 : ladder.LastIndexOf((start.Height, start.Width));
            for (var i = 0; i < decoder.Count; i++)
            {
                var plan = decoder[i];
                if (plan.Output.IsVector)
                {
                    rung = -1;
                    continue;
                }

                var size = (plan.Output.Height, plan.Output.Width);
                if (rung < 0)
                {
                    rung = ladder.LastIndexOf(size);
                    continue;
                }

                if (size == ladder[rung])
                {
                    continue;
                }

                var up = ladder.Take(rung).ToList().LastIndexOf(size);
                if (up >= 0)
                {
                    rung = up;
                    continue;
                }

                // A stage that grew past the current rung was meant to reach the next rung up; one that shrank
                // (or grew with no rung left above) was meant to keep the current size.
                var current = ladder[rung];
                var grew = size.Height > current.Height || size.Width > current.Width;
                var expected = grew && rung > 0 ? ladder[rung - 1] : current;
                var path = decoder.Take(i + 1).ToList();
                var fix = FixSuggestions.ToReachAt(path, expected.Height, expected.Width, plan.Stage.Location);
                _context.ReportFixable(DiagnosticCatalogue.ReconstructionMismatch, fix.Location, new[] { fix.Fix }, plan.Name,
                    Describe.Spatial(expected.Height, expected.Width), plan.Output.Spatial, fix.Text);
                return;
            }

            ReportEnd(target, output, latent, decoder, rung);
        }

        /// <summary>The decoder never left the ladder, but its end is not the target.</summary>
        private void ReportEnd(Shape target, Shape output, LatentPlan? latent, IReadOnlyList<StagePlan> decoder, int rung)
        {
            var last = decoder.Count > 0 ? decoder[decoder.Count - 1] : null;
            var name = last?.Name ?? latent?.Name ?? _context.Spec.Name;
            var location = last?.Stage.Location ?? latent?.Latent.Location ?? _context.Spec.Location;
            if (last is null)
            {
                Report(location, name, target.ToString(), output.ToString(), Describe.Format("add decoder stages that lead back to {0}", target));
            }
            else if (target.IsVector)
            {
                Suggestion fix = !output.IsVector
                    ? Describe.Format("end with a Flatten stage and a Dense({0}) stage (one logit per class)", target.Channels)
                    : last.Stage.Layer is DenseLayer
                        ? new Suggestion(Describe.Format("set {0} on {1}", ArgumentSpelling.Set(ArgumentNames.OutFeatures, target.Channels), last.Name),
                                         ProposedFix.On(last.Name, ArgumentEdit.Set(ArgumentNames.OutFeatures, target.Channels)))
                        : Describe.Format("end with a Dense({0}) stage (one logit per class)", target.Channels);
                Report(location, name, target.ToString(), output.ToString(), fix);
            }
            else if (output.IsVector)
            {
                Suggestion fix = output.Features == target.Features
                    ? Describe.Format("add an Unflatten({0}, {1}, {2}) stage at the end", target.Channels, target.Height, target.Width)
                    : Describe.Format("add stages that lead back to {0}", target);
                Report(location, name, target.ToString(), output.ToString(), fix);
            }
            else if (output.SameSpatial(target))
            {
                Report(location, name, target.ToString(), output.ToString(), FixSuggestions.ToChannels(decoder, target.Channels));
            }
            else if (rung > 0 && output.Height < target.Height && output.Width < target.Width)
            {
                Report(location, name, target.Spatial, output.Spatial, Describe.Format("add an upsampling stage after {0} to reach {1}", name, target.Spatial));
            }
            else
            {
                var fix = FixSuggestions.ToReachAt(decoder, target.Height, target.Width, location);
                Report(fix.Location, name, target.Spatial, output.Spatial, new Suggestion(fix.Text, fix.Fix));
            }
        }

        private void Report(SourceLocation location, string name, string expected, string received, Suggestion fix) =>
            _context.ReportFixable(DiagnosticCatalogue.ReconstructionMismatch, location, new[] { fix.Fix }, name, expected, received, fix.Text);

        /// <summary>The distinct spatial sizes the encoder passes through, input first.</summary>
        private static List<(int Height, int Width)> Ladder(Shape input, IReadOnlyList<StagePlan> encoder)
        {
            var ladder = new List<(int Height, int Width)> { (input.Height, input.Width) };
            foreach (var plan in encoder.Where(p => !p.Output.IsVector))
            {
                var size = (plan.Output.Height, plan.Output.Width);
                if (ladder[ladder.Count - 1] != size)
                {
                    ladder.Add(size);
                }
            }

            return ladder;
        }
    }
}
