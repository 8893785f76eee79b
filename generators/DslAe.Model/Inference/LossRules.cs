using System.Linq;

namespace DslAe.Model
{
    /// <summary>Losses that need something the model lacks (DSLAE013, 014, 026, 027), or that do not fit the target (DSLAE033).</summary>
    internal sealed class LossRules
    {
        /// <summary>Pixels each side a level needs before the 5-tap blur's reflect padding of 2.</summary>
        internal const int PyramidMinimumSize = 3;

        private readonly InferenceContext _context;

        public LossRules(InferenceContext context)
        {
            _context = context;
        }

        public void Check(ModelSpec spec)
        {
            var hasKl = false;
            foreach (var loss in spec.Losses)
            {
                var name = "Loss " + loss.KindName;
                CheckFit(spec, loss, name);
                switch (loss)
                {
                    case KlLoss:
                        hasKl = true;
                        if (spec.Latent is not VariationalLatent)
                        {
                            var received = spec.Latent is null ? "no latent" : Describe.WithArticle(spec.Latent.KindName) + " latent";
                            var fix = spec.Latent is DenseLatent dense
                                ? new Suggestion(Describe.Format("declare the latent with {0} or remove the KL loss", ArgumentSpelling.Set(ArgumentNames.LatentKind, "Variational")),
                                                 ProposedFix.On(dense.Name, ArgumentEdit.Set(ArgumentNames.LatentKind, "Variational")))
                                : "declare a Variational latent or remove the KL loss";
                            _context.ReportFixable(DiagnosticCatalogue.KlWithoutVariational, loss.Location, new[] { fix.Fix }, name, received, fix.Text);
                        }

                        break;
                    case LaplacianPyramidLoss pyramid when spec.Input is { IsVector: false } input && pyramid.Levels >= 1:
                        CheckPyramid(pyramid, name, input);
                        break;
                    case PerceptualLoss { Network: null } perceptual:
                        CheckLayers(loss, name, perceptual.Layers);
                        break;
                    case StyleLoss { Network: null } style:
                        CheckLayers(loss, name, style.Layers);
                        break;
                }
            }

            if (spec.Latent is VariationalLatent variational && !hasKl)
            {
                _context.Report(DiagnosticCatalogue.VariationalWithoutKl, variational.Location, variational.Name);
            }
        }

        /// <summary>Cross-entropy needs class labels; every other loss but KL compares images.</summary>
        private void CheckFit(ModelSpec spec, LossSpec loss, string name)
        {
            var target = spec.Target;
            if (loss is KlLoss || (loss is CrossEntropyLoss) == target.IsClassification)
            {
                return;
            }

            var location = loss.Location;
            if (loss is CrossEntropyLoss)
            {
                var declare = spec.FrontEnd == FrontEnd.Yaml
                    ? "declare target: { kind: pixel_labels } for segmentation or target: { kind: labels } for a classifier"
                    : "declare [Target(TargetKind.PixelLabels)] for segmentation or [Target(TargetKind.Labels)] for a classifier";
                _context.Report(DiagnosticCatalogue.LossDoesNotFitTarget, location, name, "compares class logits with class indices", Describe.Target(target),
                    declare + ", or use an image loss such as Mse");
                return;
            }

            _context.Report(DiagnosticCatalogue.LossDoesNotFitTarget, location, name, "compares images", Describe.Target(target), "use CrossEntropy");
        }

        /// <summary>
        /// Level l+1 is ceil(size_l / 2) (blur, keep every second sample from the first); every level
        /// but the top is blurred and needs <see cref="PyramidMinimumSize"/> pixels each side.
        /// </summary>
        private void CheckPyramid(LaplacianPyramidLoss pyramid, string name, Shape input)
        {
            long height = input.Height, width = input.Width;
            for (var level = 0; level < pyramid.Levels - 1; level++)
            {
                if (height < PyramidMinimumSize || width < PyramidMinimumSize)
                {
                    _context.Report(DiagnosticCatalogue.TooManyPyramidLevels, pyramid.LocationOf(ArgumentNames.Levels), name, pyramid.Levels,
                        Describe.Spatial(PyramidMinimumSize, PyramidMinimumSize), Describe.Spatial(height, width), level, level + 1);
                    return;
                }

                height = SizeArithmetic.CeilDiv(height, 2);
                width = SizeArithmetic.CeilDiv(width, 2);
            }
        }

        private void CheckLayers(LossSpec loss, string name, EquatableArray<string> layers)
        {
            var encoder = _context.Spec.Encoder.Select(s => s.Name).ToList();
            foreach (var layer in layers.Where(l => !encoder.Contains(l)))
            {
                var hint = encoder.Count == 0 ? "the encoder has no stages; name another Network" : "stages are " + string.Join(", ", encoder);
                _context.Report(DiagnosticCatalogue.UnknownLossLayer, loss.LocationOf(ArgumentNames.Layers), name, layer, "the encoder", hint);
            }
        }
    }
}
