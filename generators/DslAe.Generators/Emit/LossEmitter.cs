using System.Collections.Generic;
using System.Linq;
using DslAe.Model;

namespace DslAe.Generators.Emit
{
    /// <summary>Writes <c>ComputeLoss</c>: each declared term computed once, then the weighted sum.</summary>
    internal static class LossEmitter
    {
        public static void Write(SourceWriter w, ModelPlan plan)
        {
            var losses = plan.Spec.EffectiveLosses;
            w.Line();
            w.Line("/// <inheritdoc />");
            using (w.Block("public override " + Code.Runtime + ".LossBreakdown ComputeLoss(" + Code.Runtime + ".AutoencoderPass pass, " + Code.Tensor + " target)"))
            {
                var terms = new List<(string Local, string Name, double Weight)>();
                var used = new HashSet<string>();
                foreach (var loss in losses)
                {
                    var name = TermName(loss);
                    var local = name;
                    for (var i = 2; !used.Add(local); i++)
                    {
                        local = name + i;
                    }

                    w.Line("var " + local + " = " + Expression(loss) + ";");
                    terms.Add((local, local, loss.Weight));
                }

                var total = string.Join(" + ", terms.ConvertAll(t => t.Weight == 1.0 ? t.Local : t.Local + " * " + Code.Double(t.Weight)));
                w.Line("return new " + Code.Runtime + ".LossBreakdown(" + total + ",");
                for (var i = 0; i < terms.Count; i++)
                {
                    w.Line("    new " + Code.Runtime + ".LossTerm(" + Code.String(terms[i].Name) + ", " + Code.Double(terms[i].Weight) + ", " + terms[i].Local + ")" +
                        (i == terms.Count - 1 ? ");" : ","));
                }
            }
        }

        /// <summary>The loss kinds this emitter writes; the others are reported (DSLAE301) before emission.</summary>
        public static bool IsSupported(LossSpec loss) => loss is MseLoss or L1Loss or BceLoss or BceWithLogitsLoss or KlLoss or LaplacianPyramidLoss or CrossEntropyLoss or FeatureLoss;

        private static string Expression(LossSpec loss) => loss switch
        {
            MseLoss => Code.F + ".mse_loss(pass.Output, target)",
            L1Loss => Code.F + ".l1_loss(pass.Output, target)",
            BceLoss => Code.F + ".binary_cross_entropy(pass.Output, target)",
            BceWithLogitsLoss => Code.F + ".binary_cross_entropy_with_logits(pass.Output, target)",
            KlLoss => Code.Runtime + ".Variational.KlDivergence(pass.Mean!, pass.LogVariance!)",
            LaplacianPyramidLoss l => Code.Runtime + ".LaplacianPyramid.Loss(pass.Output, target, " + Code.Int(l.Levels) + ")",
            CrossEntropyLoss => Code.F + ".cross_entropy(pass.Output, target)",
            FeatureLoss f => Code.Runtime + ".FeatureLosses." + (f is StyleLoss ? "Style" : "Perceptual") + "(FeatureNetwork(" +
                (f.Network is null ? "null" : Code.String(f.Network)) + ", " + (f.Weights is null ? "null" : Code.String(f.Weights)) +
                ", pass.Output.device), pass.Output, target, new[] { " + string.Join(", ", f.Layers.Select(Code.String)) + " })",
            _ => "throw new global::System.NotSupportedException(" + Code.String(loss.KindName) + ")",
        };

        private static string TermName(LossSpec loss) => loss switch
        {
            LaplacianPyramidLoss => "laplacian",
            CrossEntropyLoss => "crossEntropy",
            BceWithLogitsLoss => "bceWithLogits",
            _ => loss.KindName.ToLowerInvariant(),
        };
    }
}
