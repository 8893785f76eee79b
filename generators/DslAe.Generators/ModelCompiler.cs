using System.Collections.Generic;
using System.Linq;
using DslAe.Generators.CSharp;
using DslAe.Generators.Emit;
using DslAe.Model;

namespace DslAe.Generators
{
    /// <summary>A front end's model after shape inference: what to emit, and every diagnostic from all stages.</summary>
    /// <param name="Spec">The IR; null when the front end could not build one.</param>
    /// <param name="Plan">The checked plan; null without a spec.</param>
    /// <param name="Target">The C# partial type to complete; null for YAML models.</param>
    /// <param name="Diagnostics">Front end, inference and emitter diagnostics together.</param>
    internal sealed record CompiledModel(ModelSpec? Spec, ModelPlan? Plan, DeclarationTarget? Target, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>True when the module can be emitted.</summary>
        public bool CanEmit => Plan is not null && !Diagnostics.Any(d => d.Severity == Severity.Error);

        /// <summary>The model's name and place, for the check that no two models generate the same types; null without a spec.</summary>
        public ModelIdentity? Identity => Spec is null ? null : new ModelIdentity(Spec.Namespace, Spec.Name, Spec.Location);

        /// <summary>The definition type's full name, for the registry.</summary>
        public string? DefinitionType => CanEmit ? "global::" + (Spec!.Namespace is null ? string.Empty : Spec.Namespace + ".") + Spec.Name + "Definition" : null;
    }

    /// <summary>Runs shape inference on a front end's result and adds the emitter's own checks.</summary>
    internal static class ModelCompiler
    {
        public static CompiledModel Compile(FrontEndResult result)
        {
            if (result.Spec is null)
            {
                return new CompiledModel(null, null, result.Target, result.Diagnostics);
            }

            var plan = ShapeInference.Infer(result.Spec);
            var diagnostics = new List<DiagnosticInfo>(result.Diagnostics);
            // A front end that could not read the input shape has said so in its own words (DSLAE105, naming how many
            // values it received); inference's "the input shape is missing" would report the same mistake twice.
            var inputAlreadyReported = result.Diagnostics.Any(d => d.Id == CSharpFrontEndRules.InputShapeForm.Id);
            diagnostics.AddRange(plan.Diagnostics.Where(d => !(inputAlreadyReported && d.Id == DiagnosticCatalogue.MissingInput.Id)));
            diagnostics.AddRange(UnsupportedCapabilities(result.Spec));
            diagnostics.AddRange(NameClashes(plan));
            return new CompiledModel(result.Spec, plan, result.Target, diagnostics.ToEquatableArray());
        }

        /// <summary>Generated member names that would collide (DSLAE303), reported at the stage whose name causes it.</summary>
        private static IEnumerable<DiagnosticInfo> NameClashes(ModelPlan plan)
        {
            if (plan.HasErrors)
            {
                yield break;
            }

            foreach (var (stage, member, other) in MemberNames.Clashes(plan))
            {
                var location = plan.FindStage(stage)?.Stage.Location ?? (plan.Latent?.Name == stage ? plan.Latent.Latent.Location : plan.Spec.Location);
                yield return EmitterRules.NameClash.Create(location, stage, member, other);
            }
        }

        private static IEnumerable<DiagnosticInfo> UnsupportedCapabilities(ModelSpec spec)
        {
            const string Supported = "use Mse, L1, Bce, BceWithLogits, Kl, LaplacianPyramid, CrossEntropy, Perceptual or Style";
            foreach (var loss in spec.Losses)
            {
                if (!LossEmitter.IsSupported(loss))
                {
                    yield return EmitterRules.NotYetGenerated.Create(loss.Location, "Loss " + loss.KindName, loss.KindName + " loss", Supported);
                }
            }

        }
    }
}
