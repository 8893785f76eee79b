using System.Linq;
using DslAe.Model;

namespace DslAe.Generators.Emit
{
    /// <summary>Writes <c>{Name}Definition</c>: the compile-time summary, the training defaults and the module factory.</summary>
    internal static class DefinitionEmitter
    {
        public static void Write(SourceWriter w, ModelPlan plan)
        {
            var spec = plan.Spec;
            w.Line("/// <summary>What the compiler knows of <c>" + spec.Name + "</c>: its summary, training settings and module factory.</summary>");
            using (w.Block("public sealed class " + spec.Name + "Definition : " + Code.Runtime + ".ModelDefinition"))
            {
                w.Line("public static " + spec.Name + "Definition Instance { get; } = new();");
                w.Line();
                w.Line("private " + spec.Name + "Definition() { }");
                w.Line();
                w.Line("/// <inheritdoc />");
                w.Line("public override string Name => " + Code.String(spec.Name) + ";");
                w.Line();
                w.Line("/// <inheritdoc />");
                w.Line("public override int[] InputShape => " + Code.IntArray(spec.Input!.Value) + ";");
                w.Line();
                w.Line("/// <inheritdoc />");
                // Per sample, from the same plan the module is written from (CostModel).
                var cost = CostModel.Of(plan);
                w.Line("public override " + Code.Runtime + ".ModelSummary Summary { get; } = new(" + Code.String(spec.Name) + ", " + Code.IntArray(spec.Input!.Value) + ",");
                w.Line("[");
                var rows = plan.Encoder.Select(s => Row(s, cost)).ToList();
                if (plan.Latent is { } latent)
                {
                    rows.Add(SummaryRow(latent.Name, "Latent " + latent.Latent.KindName, latent.Code, latent.ParameterCount, cost.Of(latent.Name)));
                }

                rows.AddRange(plan.Decoder.Select(s => Row(s, cost)));
                foreach (var row in rows)
                {
                    w.Line("    " + row + ",");
                }

                w.Line("], inputSavedBytes: " + Code.Int(cost.InputSavedBytes) + ", stepBytes: " + Code.Int(cost.StepBytes) + ");");
                w.Line();
                WriteTarget(w, plan);
                w.Line();
                WriteFineTune(w, plan);
                WriteTraining(w, spec);
                w.Line();
                WriteEffectiveDeclaration(w, spec);
                w.Line();
                if (plan.Latent is { } planned)
                {
                    w.Line("/// <inheritdoc />");
                    w.Line("public override " + Code.Runtime + ".LatentDescription? Latent { get; } = new(" + Code.String(planned.Name) + ", " +
                           Code.String(planned.Latent.KindName) + ", " + Code.IntArray(planned.Code) + ")" + LearnedSettings(planned.Latent) + ";");
                    w.Line();
                }

                w.Line("/// <inheritdoc />");
                w.Line("public override " + Code.Runtime + ".AutoencoderModule CreateModule() => new " + spec.Name + "Module();");
            }
        }

        private static void WriteTarget(SourceWriter w, ModelPlan plan)
        {
            var target = plan.Spec.Target;
            w.Line("/// <inheritdoc />");
            w.Line("public override " + Code.Runtime + ".TargetDescription Target { get; } = new(" + Code.Runtime + ".TargetKind." + target.Kind + ", " +
                   Code.IntArray(plan.Output!.Value) + (target.Kind == TargetKind.Image ? ", Scale: " + Code.Int(target.Scale) + ", Residual: " + Code.Bool(target.Residual) : string.Empty) + ");");
        }

        private static string LearnedSettings(LatentSpec latent) => latent is LearnableLatent learned
            ? " { Learned = new(" + Code.Runtime + ".CodeInit." + learned.Init + ", CodeLearningRate: " +
              (learned.CodeLearningRate is { } rate ? Code.Double(rate) : "null") + ", FitSteps: " + Code.Int(learned.FitSteps) + ") }"
            : string.Empty;

        private static void WriteFineTune(SourceWriter w, ModelPlan plan)
        {
            if (plan.Spec.FineTune is not { } fineTune)
            {
                return;
            }

            // The head reads what Encode returns: the latent code, or the last encoder stage's output without a latent.
            var code = plan.Latent?.Code ?? (plan.Encoder.IsEmpty ? plan.Spec.Input!.Value : plan.Encoder[plan.Encoder.Count - 1].Output);
            w.Line("/// <inheritdoc />");
            w.Line("public override " + Code.Runtime + ".FineTuneDescription? FineTune { get; } = new(Classes: " + Code.Int(fineTune.Classes) +
                   ", CodeShape: " + Code.IntArray(code) + ", Freeze: " + Code.Bool(fineTune.Freeze) + ", Hidden: " + Code.Int(fineTune.Hidden) +
                   ", Epochs: " + Code.Int(fineTune.Epochs) + ", LearningRate: " + Code.Double(fineTune.LearningRate) +
                   ", Labels: " + (fineTune.Labels is { } labels ? Code.Int(labels) : "null") + ");");
            w.Line();
        }

        private static string Row(StagePlan stage, ModelCost cost) => SummaryRow(stage.Name, stage.Stage.Layer.KindName, stage.Output, stage.ParameterCount, cost.Of(stage.Name));

        private static string SummaryRow(string name, string kind, Shape output, long parameters, StageCost? cost) =>
            "new(" + Code.String(name) + ", " + Code.String(kind) + ", " + Code.IntArray(output) + ", " + Code.Int(parameters) +
            (cost is null ? string.Empty
                : ", ForwardFlops: " + Code.Int(cost.ForwardFlops) + ", TrainingFlops: " + Code.Int(cost.TrainingFlops) +
                  ", SavedBytes: " + Code.Int(cost.SavedBytes) + ", ForwardBytes: " + Code.Int(cost.ForwardBytes)) + ")";

        /// <summary>The declaration with every default filled in, as a raw string literal (no escaping needed in YAML text).</summary>
        private static void WriteEffectiveDeclaration(SourceWriter w, ModelSpec spec)
        {
            var yaml = EffectiveDeclaration.Write(spec);
            var quotes = new string('"', System.Math.Max(3, LongestQuoteRun(yaml) + 1));
            w.Line("/// <inheritdoc />");
            w.Line("public override string EffectiveDeclaration => " + quotes);
            foreach (var line in yaml.TrimEnd('\n').Split('\n'))
            {
                w.Line(line);
            }

            // The empty line keeps the text's final newline (a raw literal drops the one before its closing quotes).
            w.Line();
            w.Line(quotes + ";");
        }

        private static int LongestQuoteRun(string text)
        {
            int longest = 0, run = 0;
            foreach (var c in text)
            {
                run = c == '"' ? run + 1 : 0;
                longest = System.Math.Max(longest, run);
            }

            return longest;
        }

        private static void WriteTraining(SourceWriter w, ModelSpec spec)
        {
            var t = spec.Training;
            w.Line("/// <inheritdoc />");
            w.Line("public override " + Code.Runtime + ".TrainingSettings Training { get; } = new()");
            w.Line("{");
            void Set(string name, string value) => w.Line("    " + name + " = " + value + ",");
            Set("Epochs", Code.Int(t.Epochs));
            Set("BatchSize", Code.Int(t.BatchSize));
            Set("Optimizer", Code.Runtime + ".OptimizerKind." + t.Optimizer.Kind);
            Set("LearningRate", Code.Double(t.Optimizer.LearningRate));
            Set("Momentum", Code.Double(t.Optimizer.Momentum));
            Set("Nesterov", Code.Bool(t.Optimizer.Nesterov));
            Set("WeightDecay", Code.Double(t.Optimizer.EffectiveWeightDecay));
            Set("Beta1", Code.Double(t.Optimizer.Beta1));
            Set("Beta2", Code.Double(t.Optimizer.Beta2));
            Set("Schedule", Code.Runtime + ".Schedule." + t.Schedule.Kind);
            Set("StepSize", Code.Int(t.Schedule.StepSize));
            Set("Gamma", Code.Double(t.Schedule.Gamma));
            Set("MinLearningRate", Code.Double(t.Schedule.MinLearningRate));
            Set("GradientClip", t.GradientClip is { } clip ? Code.Double(clip) : "null");
            Set("Seed", Code.Int(t.Seed));
            Set("ValidationFraction", Code.Double(t.ValidationFraction));
            Set("EarlyStoppingPatience", t.EarlyStoppingPatience is { } p ? Code.Int(p) : "null");
            Set("Data", t.Data is null ? "null" : Code.String(t.Data));
            Set("DataPath", t.DataPath is null ? "null" : Code.String(t.DataPath));
            w.Line("};");
        }
    }
}
