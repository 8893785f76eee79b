using System.Linq;

namespace DslAe.Model
{
    /// <summary>
    /// The result of <see cref="ShapeInference.Infer"/>: every stage's shapes, parameter counts and
    /// lowered libtorch arguments, plus the diagnostics. Stages after the first shape error on their
    /// path have no plan; emit code only when <see cref="HasErrors"/> is false (then every stage has one).
    /// </summary>
    /// <param name="Spec">The model as declared.</param>
    /// <param name="Encoder">Planned encoder stages, in order.</param>
    /// <param name="Latent">Planned latent; null when the model has none or inference stopped before it.</param>
    /// <param name="Decoder">Planned decoder stages, in order.</param>
    /// <param name="Discriminator">Planned discriminator of an adversarial loss; null without one.</param>
    /// <param name="Output">The decoder's output shape; null when inference stopped before the end.</param>
    /// <param name="ParameterCount">Learned values of encoder, latent and decoder (discriminator excluded).</param>
    /// <param name="Diagnostics">Everything found, in declaration order.</param>
    public sealed record ModelPlan(
        ModelSpec Spec,
        EquatableArray<StagePlan> Encoder,
        LatentPlan? Latent,
        EquatableArray<StagePlan> Decoder,
        DiscriminatorPlan? Discriminator,
        Shape? Output,
        long ParameterCount,
        EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>True when any diagnostic is an error: do not emit.</summary>
        public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

        /// <summary>The planned encoder or decoder stage of that name, or null.</summary>
        public StagePlan? FindStage(string name) =>
            Encoder.Concat(Decoder).FirstOrDefault(s => s.Name == name);
    }
}
