using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DslAe.Model;
using Microsoft.CodeAnalysis;

namespace DslAe.Generators.CSharp
{
    /// <summary>Reads the model-level attributes: [Corrupt], [Target], [Loss] (repeatable) and [Train].</summary>
    internal static class ModelReader
    {
        private static readonly Dictionary<string, string> NoiseAliases = new() { ["SaltPepper"] = nameof(CorruptionKind.SaltAndPepper) };

        public static CorruptionSpec? ReadCorruption(ImmutableArray<AttributeData> attributes, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var a = Find(attributes, "DslAe.CorruptAttribute", ct).FirstOrDefault();
            if (a is null)
            {
                return null;
            }

            var kind = EnumReader.Read(a, "Corrupt", "Kind", CorruptionKind.Gaussian, diagnostics, NoiseAliases);
            return kind is null ? null : new CorruptionSpec(kind.Value, a.Double("Amount") ?? 0)
            {
                Location = a.Location,
                ArgumentLocations = a.ArgumentLocations(),
            };
        }

        public static TargetSpec ReadTarget(ImmutableArray<AttributeData> attributes, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var a = Find(attributes, "DslAe.TargetAttribute", ct).FirstOrDefault();
            if (a is null)
            {
                return TargetSpec.Input;
            }

            var kind = EnumReader.Read(a, "Target", "Kind", TargetKind.Input, diagnostics) ?? TargetKind.Input;
            return new TargetSpec(kind)
            {
                Location = a.Location,
                ArgumentLocations = a.ArgumentLocations(argument => argument == "Kind" ? ArgumentNames.TargetKind : argument),
                Classes = a.Int("Classes"),
                Scale = a.Int("Scale") ?? Defaults.TargetScale,
                Residual = a.Bool("Residual") ?? false,
            };
        }

        public static FineTuneSpec? ReadFineTune(ImmutableArray<AttributeData> attributes, CancellationToken ct)
        {
            var a = Find(attributes, "DslAe.FineTuneAttribute", ct).FirstOrDefault();
            if (a is null)
            {
                return null;
            }

            return new FineTuneSpec(a.Int("Classes") ?? 0)
            {
                Location = a.Location,
                ArgumentLocations = a.ArgumentLocations(argument => argument == "Lr" ? ArgumentNames.LearningRate : argument),
                Freeze = a.Bool("Freeze") ?? Defaults.FineTuneFreeze,
                Hidden = a.Int("Hidden") ?? 0,
                Epochs = a.Int("Epochs") ?? Defaults.FineTuneEpochs,
                LearningRate = a.Double("Lr") ?? Defaults.FineTuneLearningRate,
                Labels = a.Int("Labels"),
            };
        }

        /// <summary>The declared losses; an adversarial one takes the stages marked [Discriminator] (<paramref name="discriminator"/>).</summary>
        public static EquatableArray<LossSpec> ReadLosses(ImmutableArray<AttributeData> attributes, IReadOnlyList<StageSpec> discriminator, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var losses = new List<LossSpec>();
            foreach (var a in Find(attributes, "DslAe.LossAttribute", ct))
            {
                var loss = ReadLoss(a, discriminator, diagnostics);
                if (loss is not null)
                {
                    losses.Add(loss with
                    {
                        Weight = a.Double("Weight") ?? Defaults.LossWeight,
                        Location = a.Location,
                        ArgumentLocations = a.ArgumentLocations(),
                    });
                }
            }

            return losses.ToEquatableArray();
        }

        private static LossSpec? ReadLoss(AttributeArguments a, IReadOnlyList<StageSpec> discriminator, List<DiagnosticInfo> diagnostics)
        {
            var kind = a.EnumMember("Kind");
            var layers = StringArray(a);
            switch (kind)
            {
                case "Mse": return new MseLoss();
                case "L1": return new L1Loss();
                case "Bce": return new BceLoss();
                case "BceWithLogits": return new BceWithLogitsLoss();
                case "Kl": return new KlLoss();
                case "LaplacianPyramid": return new LaplacianPyramidLoss { Levels = a.Int("Levels") ?? Defaults.PyramidLevels };
                case "CrossEntropy": return new CrossEntropyLoss { Classes = a.Int("Classes") };
                case "Perceptual":
                case "Style":
                    if (layers.IsEmpty)
                    {
                        diagnostics.Add(CSharpFrontEndRules.MissingArgument.Create(a.Location, "Loss " + kind, "Layers",
                            "write Layers = new[] { nameof(Enc1) } with the encoder stages whose features to compare"));
                        return null;
                    }

                    FeatureLoss feature = kind == "Perceptual" ? new PerceptualLoss(layers) : new StyleLoss(layers);
                    return feature with { Network = a.String("Network"), Weights = a.String("Weights") };
                case "Adversarial":
                    if (discriminator.Count == 0)
                    {
                        diagnostics.Add(CSharpFrontEndRules.MissingArgument.Create(a.Location, "Loss Adversarial", "a discriminator",
                            "mark its stages with [Discriminator] (they run in declaration order on an image of the output's shape and end in one logit)"));
                        return null;
                    }

                    return new AdversarialLoss(new DiscriminatorSpec(discriminator.ToEquatableArray())
                    {
                        Location = a.Location,
                        MinibatchDiscrimination = a.Bool("Minibatch") ?? false,
                        MinibatchKernels = a.Int("MinibatchKernels") ?? Defaults.MinibatchKernels,
                        MinibatchKernelDims = a.Int("MinibatchKernelDims") ?? Defaults.MinibatchKernelDims,
                    });
                default:
                    diagnostics.Add(CSharpFrontEndRules.UnknownEnumValue.Create(a.LocationOf("Kind"), "Loss", "Kind", kind ?? "(none)",
                        "Mse, L1, Bce, BceWithLogits, Kl, LaplacianPyramid, Perceptual, Style, Adversarial, CrossEntropy"));
                    return null;
            }
        }

        public static TrainingSpec ReadTraining(ImmutableArray<AttributeData> attributes, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var a = Find(attributes, "DslAe.TrainAttribute", ct).FirstOrDefault();
            if (a is null)
            {
                return TrainingSpec.Default;
            }

            var optimizerKind = EnumReader.Read(a, "Train", "Optimizer", Defaults.Optimizer, diagnostics) ?? Defaults.Optimizer;
            var optimizer = new OptimizerSpec(optimizerKind)
            {
                Location = a.LocationOf("Optimizer"),
                ArgumentLocations = a.ArgumentLocations(Rename.Model),
                LearningRate = a.Double("Lr") ?? Defaults.LearningRate,
                Momentum = a.Double("Momentum") ?? Defaults.Momentum,
                Nesterov = a.Bool("Nesterov") ?? false,
                WeightDecay = a.Double("WeightDecay"),
                Beta1 = a.Double("Beta1") ?? Defaults.Beta1,
                Beta2 = a.Double("Beta2") ?? Defaults.Beta2,
            };
            var scheduleKind = EnumReader.Read(a, "Train", "Schedule", Defaults.Schedule, diagnostics) ?? Defaults.Schedule;
            var schedule = new ScheduleSpec(scheduleKind)
            {
                Location = a.LocationOf("Schedule"),
                ArgumentLocations = a.ArgumentLocations(Rename.Model),
                StepSize = a.Int("StepSize") ?? Defaults.StepSize,
                Gamma = a.Double("Gamma") ?? Defaults.Gamma,
                MinLearningRate = a.Double("MinLr") ?? 0.0,
            };

            return new TrainingSpec
            {
                Location = a.Location,
                ArgumentLocations = a.ArgumentLocations(Rename.Model),
                Epochs = a.Int("Epochs") ?? Defaults.Epochs,
                BatchSize = a.Int("Batch") ?? Defaults.BatchSize,
                Optimizer = optimizer,
                Schedule = schedule,
                GradientClip = a.Double("ClipNorm"),
                Seed = a.Int("Seed") ?? Defaults.Seed,
                ValidationFraction = a.Double("Validation") ?? Defaults.ValidationFraction,
                EarlyStoppingPatience = a.Int("Patience"),
                Data = a.String("Data"),
                DataPath = a.String("DataPath"),
                MemoryBudget = a.String("MemoryBudget"),
            };
        }

        private static IEnumerable<AttributeArguments> Find(ImmutableArray<AttributeData> attributes, string fullName, CancellationToken ct) =>
            attributes.Where(x => x.AttributeClass?.ToDisplayString() == fullName)
                .Select(x => AttributeArguments.Read(x, ct))
                .Where(x => x is not null)!;

        private static EquatableArray<string> StringArray(AttributeArguments a) => a.StringArray("Layers").ToEquatableArray();
    }
}
