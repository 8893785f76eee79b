using System.Collections.Generic;
using System.Linq;
using DslAe.Model;

namespace DslAe.Generators
{
    /// <summary>What a perceptual or style loss needs to know of another model: its name, the images it takes and its encoder stages.</summary>
    internal sealed record FeatureNetworkFacts(string Name, Shape? Input, EquatableArray<string> EncoderStages, EquatableArray<FeatureNetworkUse> Uses)
    {
        /// <summary>The facts of one compiled model; null without a spec.</summary>
        public static FeatureNetworkFacts? Of(CompiledModel model)
        {
            if (model.Spec is not { } spec)
            {
                return null;
            }

            var uses = spec.Losses.OfType<FeatureLoss>()
                .Where(loss => loss.Network is not null)
                .Select(loss => new FeatureNetworkUse(loss.Location, "Loss " + loss.KindName, loss.Network!, loss.Layers, model.Plan?.Output))
                .ToEquatableArray();
            return new FeatureNetworkFacts(spec.Name, spec.Input, spec.Encoder.Select(s => s.Name).ToEquatableArray(), uses);
        }
    }

    /// <summary>A feature loss naming another model as its network φ.</summary>
    /// <param name="Output">The output of the model whose loss this is: what φ is applied to; null when it could not be inferred.</param>
    internal sealed record FeatureNetworkUse(SourceLocation Location, string Loss, string Network, EquatableArray<string> Layers, Shape? Output);

    /// <summary>
    /// DSLAE304: across the models of the compilation, a perceptual or style loss's network must be one of them, the layers
    /// its encoder stages, and the images it takes those the loss's model outputs.
    /// </summary>
    internal static class FeatureNetworkCheck
    {
        public static EquatableArray<DiagnosticInfo> Find(IEnumerable<FeatureNetworkFacts?> all)
        {
            var models = all.Where(m => m is not null).Select(m => m!).ToList();
            var diagnostics = new List<DiagnosticInfo>();
            foreach (var model in models)
            {
                foreach (var use in model.Uses)
                {
                    var problem = Problem(use, models);
                    if (problem is { } p)
                    {
                        diagnostics.Add(EmitterRules.FeatureNetworkMismatch.Create(use.Location, use.Loss, p.Problem, p.Fix));
                    }
                }
            }

            return diagnostics.ToEquatableArray();
        }

        private static (string Problem, string Fix)? Problem(FeatureNetworkUse use, List<FeatureNetworkFacts> models)
        {
            var network = models.FirstOrDefault(m => m.Name == use.Network);
            if (network is null)
            {
                var names = models.Select(m => m.Name).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToList();
                return ("network '" + use.Network + "' is not a model of this project",
                    "declare it (C# or YAML) in this project; models are " + string.Join(", ", names));
            }

            var missing = use.Layers.Where(l => !network.EncoderStages.Contains(l)).ToList();
            if (missing.Count > 0)
            {
                return ("layer '" + missing[0] + "' is not an encoder stage of " + network.Name,
                    network.EncoderStages.IsEmpty ? network.Name + " has no encoder stages" : "its encoder stages are " + string.Join(", ", network.EncoderStages));
            }

            if (use.Output is { } output && network.Input is { } input && !output.Equals(input))
            {
                return (network.Name + " takes " + input + " images, and this model's output is " + output,
                    "name a network whose input is " + output);
            }

            return null;
        }
    }
}
