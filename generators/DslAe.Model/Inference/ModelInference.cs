using System.Collections.Generic;
using System.Linq;

namespace DslAe.Model
{
    /// <summary>
    /// One run of shape inference over one model, in the order a reader checks a model: names,
    /// values, input, encoder, latent, decoder, reconstruction, losses, discriminator.
    /// </summary>
    internal sealed class ModelInference
    {
        private readonly ModelSpec _spec;

        /// <summary>How the declaration's own language writes an input shape (the input is no argument both share).</summary>
        private string InputExample => _spec.FrontEnd == FrontEnd.Yaml ? "input: [1, 28, 28]" : "[Autoencoder(1, 28, 28)]";
        private readonly InferenceContext _context;
        private readonly HashSet<string> _invalidStages = new();

        public ModelInference(ModelSpec spec)
        {
            _spec = spec;
            _context = new InferenceContext(spec);
        }

        public ModelPlan Run()
        {
            var discriminator = _spec.Losses.OfType<AdversarialLoss>().Select(l => l.Discriminator).FirstOrDefault();
            DeclareNames(discriminator);
            var values = new ValueRules(_context);
            foreach (var stage in AllStages(discriminator).Where(s => !values.CheckStage(s)))
            {
                _invalidStages.Add(stage.Name);
            }

            var latentValid = _spec.Latent is null || values.CheckLatent(_spec.Latent);
            values.CheckSettings(_spec);

            var input = CheckInput();
            var stages = new StageRules(_context, _invalidStages);
            List<StagePlan> encoder = new(), decoder = new();
            LatentPlan? latent = null;
            Shape? output = null;
            if (input is { } start)
            {
                if (_context.PositionOf(Defaults.InputSkipSource) is null)
                {
                    _context.RecordOutput(Defaults.InputSkipSource, start);
                }

                (encoder, var encoded) = stages.PlanSequence(_spec.Encoder, start, StageScope.Encoder);
                var decoderStart = encoded;
                if (encoded is { } code && _spec.Latent is { } latentSpec)
                {
                    latent = latentValid ? new LatentRules(_context).Plan(latentSpec, code, _spec.Encoder.Count) : null;
                    if (latent is not null)
                    {
                        _context.RecordOutput(latent.Name, latent.Output);
                    }

                    decoderStart = latent?.Output;
                }

                if (decoderStart is { } decoderInput)
                {
                    (decoder, output) = stages.PlanSequence(_spec.Decoder, decoderInput, StageScope.Decoder);
                }

                if (output is { } reconstruction)
                {
                    new ReconstructionRules(_context).Check(start, encoder, latent, decoder, reconstruction);
                }
            }

            new LossRules(_context).Check(_spec);
            var discriminatorPlan = input is { } image && discriminator is not null ? PlanDiscriminator(discriminator, image, stages) : null;
            var parameters = encoder.Concat(decoder).Sum(p => p.ParameterCount) + (latent?.ParameterCount ?? 0);
            ModelPlan Plan() => new(_spec, encoder.ToEquatableArray(), latent, decoder.ToEquatableArray(), discriminatorPlan, output, parameters, _context.Diagnostics.ToEquatableArray());
            // The budget needs the whole plan's cost, so it is checked last, on a plan that is otherwise complete.
            if (_context.ErrorCount == 0 && output is not null)
            {
                new BudgetRules(_context).Check(Plan());
            }

            return Plan();
        }

        /// <summary>Registers every name in execution order; DSLAE015 for a name seen before.</summary>
        private void DeclareNames(DiscriminatorSpec? discriminator)
        {
            foreach (var stage in _spec.Encoder)
            {
                Declare(stage.Name, stage, stage);
            }

            if (_spec.Latent is { } latent)
            {
                Declare(latent.Name, latent, null);
            }

            foreach (var stage in _spec.Decoder)
            {
                Declare(stage.Name, stage, stage);
            }

            foreach (var stage in discriminator?.Stages ?? default)
            {
                if (Declare(stage.Name, stage, stage))
                {
                    _context.MarkDiscriminatorStage(stage.Name);
                }
            }
        }

        private bool Declare(string name, SpecElement element, StageSpec? stage)
        {
            if (_context.Declare(name, stage))
            {
                return true;
            }

            _context.Report(DiagnosticCatalogue.DuplicateName, element.LocationOf(ArgumentNames.Name), name);
            if (stage is not null)
            {
                _invalidStages.Add(name); // Which of the two a skip means is unknowable; check neither shape.
            }

            return false;
        }

        private IEnumerable<StageSpec> AllStages(DiscriminatorSpec? discriminator) =>
            _spec.Encoder.Concat(_spec.Decoder).Concat(discriminator?.Stages ?? default);

        /// <summary>The input shape, or null after DSLAE021 (missing, non-positive) or DSLAE020 (nothing to build).</summary>
        private Shape? CheckInput()
        {
            var location = _spec.LocationOf(ArgumentNames.Input);
            if (_spec.Input is not { } input)
            {
                _context.Report(DiagnosticCatalogue.MissingInput, location, _spec.Name, "the input shape is missing", InputExample);
                return null;
            }

            if (input.IsVector || input.Channels < 1 || input.Height < 1 || input.Width < 1)
            {
                _context.Report(DiagnosticCatalogue.MissingInput, location, _spec.Name, Describe.Format("the input must be an image with positive channels, height and width, received {0}", input), InputExample);
                return null;
            }

            if (_spec.Encoder.IsEmpty && _spec.Decoder.IsEmpty && _spec.Latent is null)
            {
                _context.Report(DiagnosticCatalogue.EmptyModel, _spec.Location, _spec.Name, "the model has no stages and no latent", "declare encoder and decoder stages");
                return null;
            }

            return input;
        }

        private DiscriminatorPlan? PlanDiscriminator(DiscriminatorSpec discriminator, Shape input, StageRules stages)
        {
            if (discriminator.Stages.IsEmpty)
            {
                _context.Report(DiagnosticCatalogue.EmptyModel, discriminator.Location, "Discriminator", "the adversarial loss's discriminator has no stages", "declare its stages, ending in a Dense(1) or a one-channel Conv");
                return null;
            }

            var (plans, output) = stages.PlanSequence(discriminator.Stages, input, StageScope.Discriminator);
            if (output is not { } last)
            {
                return null;
            }

            var parameters = plans.Sum(p => p.ParameterCount);
            if (!discriminator.MinibatchDiscrimination)
            {
                return new DiscriminatorPlan(plans.ToEquatableArray(), last, 0, parameters);
            }

            if (!last.IsVector)
            {
                var lastStage = plans[plans.Count - 1].Stage;
                _context.Report(DiagnosticCatalogue.RankMismatch, lastStage.Location, lastStage.Name, "minibatch discrimination", "a vector", last, Describe.Format("end the discriminator with a Flatten stage after {0}", lastStage.Name));
                return null;
            }

            // Tensor T: In x B x C, then the final linear reads the In features plus B similarities.
            var inFeatures = last.Channels;
            var kernels = (long)discriminator.MinibatchKernels;
            parameters += (inFeatures * kernels * discriminator.MinibatchKernelDims) + inFeatures + kernels + 1;
            return new DiscriminatorPlan(plans.ToEquatableArray(), last, inFeatures, parameters);
        }
    }
}
