namespace DslAe.Model
{
    /// <summary>Shapes, parameters and checks of the latent kinds (see <see cref="LatentSpec"/>).</summary>
    internal sealed class LatentRules
    {
        private readonly InferenceContext _context;

        public LatentRules(InferenceContext context)
        {
            _context = context;
        }

        /// <summary>Plans the latent on the encoder's output (the model input when the encoder is empty).</summary>
        public LatentPlan? Plan(LatentSpec latent, Shape input, int encoderStages)
        {
            switch (latent)
            {
                case ConvLatent conv:
                    if (input.IsVector)
                    {
                        Mismatch(latent, Describe.Format("a Conv latent needs an image from the encoder, received {0}", input), "use a Dense latent");
                        return null;
                    }

                    var code = new Shape(conv.Channels, input.Height, input.Width);
                    return new LatentPlan(latent, input, code, code, input.Channels, 0, ((long)input.Channels * conv.Channels) + conv.Channels);
                case DenseLatent dense:
                    return Projected(latent, input, dense.Dims, heads: 1);
                case VariationalLatent variational:
                    return Projected(latent, input, variational.Dims, heads: 2);
                case LearnableLatent learnable:
                    if (encoderStages > 0)
                    {
                        Mismatch(latent, "learned codes replace the encoder, received " + Describe.Count(encoderStages, "encoder stage"), "remove the encoder stages or use a Dense latent");
                        return null;
                    }

                    var vector = Shape.Vector(learnable.Dims);
                    if (learnable.ProjectTo is not { } target)
                    {
                        return new LatentPlan(latent, vector, vector, vector, 0, 0, 0);
                    }

                    var features = (int)target.Features;
                    return new LatentPlan(latent, vector, vector, target, 0, features, ((long)learnable.Dims * features) + features);
                default:
                    throw new System.InvalidOperationException("Unknown latent kind " + latent.GetType().Name + "; add its rule to LatentRules.");
            }
        }

        /// <summary>Flatten → linear head(s) to the code → linear back → unflatten to the encoder's shape.</summary>
        private LatentPlan? Projected(LatentSpec latent, Shape input, int dims, int heads)
        {
            if (input.Features > int.MaxValue)
            {
                _context.Report(DiagnosticCatalogue.InvalidValue, latent.Location, latent.Name, "the flattened encoder output", "at most " + int.MaxValue + " values", input.Features);
                return null;
            }

            var features = (int)input.Features;
            var into = heads * (((long)features * dims) + dims);
            var back = ((long)dims * features) + features;
            return new LatentPlan(latent, input, Shape.Vector(dims), input, features, features, into + back);
        }

        private void Mismatch(LatentSpec latent, string problem, string fix) =>
            _context.Report(DiagnosticCatalogue.LatentMismatch, latent.Location, latent.Name, problem, fix);
    }
}
