using System.Collections.Generic;
using DslAe.Model;

namespace DslAe.Generators.CSharp
{
    /// <summary>Reads one stage attribute (or the latent attribute) into the IR. Unwritten arguments keep the IR's defaults.</summary>
    internal static class StageReader
    {
        public static StageSpec? ReadStage(string name, AttributeArguments a, List<DiagnosticInfo> diagnostics)
        {
            var layer = ReadLayer(name, a, diagnostics);
            if (layer is null)
            {
                return null;
            }

            var stage = new StageSpec(name, layer)
            {
                Location = a.Location,
                ArgumentLocations = a.ArgumentLocations(Rename.StageArguments(a.AttributeName)),
                Dropout = a.Double("Dropout") ?? a.Double("P") ?? 0.0,
                TiedTo = a.String("TiedTo"),
            };

            var activation = EnumReader.Read(a, name, a.AttributeName == "Activation" ? "Kind" : "Act", ActivationKind.None, diagnostics);
            if (activation is { } kind && kind != ActivationKind.None)
            {
                stage = stage with { Activation = new ActivationSpec(kind, a.Double("ActParameter")) };
            }

            var norm = a.AttributeName == "NormStage" ? a.EnumMember("Kind") : a.EnumMember("Norm");
            if (norm is not null && norm != "None")
            {
                var normKind = EnumReader.Read(a, name, a.AttributeName == "NormStage" ? "Kind" : "Norm", NormKind.Batch, diagnostics);
                if (normKind is { } nk)
                {
                    stage = stage with { Norm = new NormSpec(nk, a.Int("NormGroups") ?? 0) };
                }
            }

            var skip = a.String("Skip");
            if (skip is not null)
            {
                var merge = EnumReader.Read(a, name, "Merge", Defaults.Merge, diagnostics) ?? Defaults.Merge;
                stage = stage with
                {
                    Skip = new SkipSpec(skip)
                    {
                        Location = a.LocationOf("Skip"),
                        ArgumentLocations = a.ArgumentLocations(Rename.StageArguments(a.AttributeName)),
                        Merge = merge,
                        Filter = a.Bool("HighPass") == true ? SkipFilter.HighPass : SkipFilter.None,
                    },
                };
            }

            return stage;
        }

        private static LayerSpec? ReadLayer(string name, AttributeArguments a, List<DiagnosticInfo> diagnostics)
        {
            switch (a.AttributeName)
            {
                case "Conv":
                    return new ConvLayer(a.Int("OutChannels") ?? 0, a.Int("Kernel") ?? Defaults.Kernel)
                    {
                        Stride = a.Int("Stride") ?? Defaults.Stride,
                        Padding = ReadPadding(name, a, diagnostics),
                        Dilation = a.Int("Dilation") ?? Defaults.Dilation,
                        Groups = a.Int("Groups") ?? Defaults.Groups,
                        Bias = a.Bool("Bias") ?? Defaults.Bias,
                    };
                case "ConvT":
                    return new ConvTransposeLayer(a.Int("OutChannels") ?? 0, a.Int("Kernel") ?? Defaults.Kernel)
                    {
                        Stride = a.Int("Stride") ?? Defaults.Stride,
                        Padding = ReadPadding(name, a, diagnostics),
                        OutputPadding = a.Int("OutputPadding"),
                        Dilation = a.Int("Dilation") ?? Defaults.Dilation,
                        Groups = a.Int("Groups") ?? Defaults.Groups,
                        Bias = a.Bool("Bias") ?? Defaults.Bias,
                    };
                case "MaxPool":
                    return new MaxPoolLayer(a.Int("Kernel") ?? 0)
                    {
                        Stride = a.Int("Stride"),
                        Padding = a.Int("Padding") ?? Defaults.PoolPadding,
                        Dilation = a.Int("Dilation") ?? Defaults.Dilation,
                        CeilMode = a.Bool("CeilMode") ?? false,
                        KeepIndices = a.Bool("KeepIndices") ?? false,
                    };
                case "AvgPool":
                    return new AvgPoolLayer(a.Int("Kernel") ?? 0)
                    {
                        Stride = a.Int("Stride"),
                        Padding = a.Int("Padding") ?? Defaults.PoolPadding,
                        CeilMode = a.Bool("CeilMode") ?? false,
                        CountIncludePad = a.Bool("CountIncludePad") ?? Defaults.CountIncludePad,
                    };
                case "Unpool":
                    return new MaxUnpoolLayer(a.String("Of") ?? string.Empty);
                case "Upsample":
                    return ReadUpsample(name, a, diagnostics);
                case "PixelShuffle":
                    return new PixelShuffleLayer(a.Int("Factor") ?? 0);
                case "ZeroUnpool":
                    return new ZeroUnpoolLayer(a.Int("Factor") ?? 0);
                case "Flatten":
                    return FlattenLayer.Instance;
                case "Dense":
                    return new DenseLayer(a.Int("Features") ?? 0) { Bias = a.Bool("Bias") ?? Defaults.Bias };
                case "Unflatten":
                    return new UnflattenLayer(a.Int("Channels") ?? 0, a.Int("Height") ?? 0, a.Int("Width") ?? 0);
                case "NormStage":
                case "Activation":
                case "Dropout":
                    return IdentityLayer.Instance;
                default:
                    diagnostics.Add(CSharpFrontEndRules.GeneratorFailure.Create(a.Location, name, "unknown stage attribute " + a.AttributeName));
                    return null;
            }
        }

        private static Padding ReadPadding(string name, AttributeArguments a, List<DiagnosticInfo> diagnostics)
        {
            if (a.Has("Padding"))
            {
                if (a.Has("Pad"))
                {
                    diagnostics.Add(CSharpFrontEndRules.ConflictingArguments.Create(a.LocationOf("Padding"), name, "Pad", "Padding"));
                }

                return Padding.Explicit(a.Int("Padding") ?? 0);
            }

            return a.EnumMember("Pad") == "Valid" ? Padding.Valid : Defaults.Padding;
        }

        private static UpsampleLayer ReadUpsample(string name, AttributeArguments a, List<DiagnosticInfo> diagnostics)
        {
            var mode = EnumReader.Read(a, name, "Mode", UpsampleMode.Nearest, diagnostics) ?? UpsampleMode.Nearest;
            var layer = new UpsampleLayer(mode) { AlignCorners = a.Bool("AlignCorners") ?? false };
            var hasSize = a.Has("Height") || a.Has("Width");
            if (a.Has("Scale") && hasSize)
            {
                diagnostics.Add(CSharpFrontEndRules.ConflictingArguments.Create(a.LocationOf("Scale"), name, "Scale", "Height/Width"));
            }

            if (hasSize)
            {
                return layer with { Size = new SpatialSize(a.Int("Height") ?? 0, a.Int("Width") ?? 0) };
            }

            return layer with { Scale = a.Double("Scale") };
        }

        public static LatentSpec ReadLatent(string name, AttributeArguments a, List<DiagnosticInfo> diagnostics)
        {
            var size = a.Int("Size") ?? 0;
            LatentSpec latent = a.EnumMember("Kind") switch
            {
                "Conv" => new ConvLatent(size),
                "Variational" => new VariationalLatent(size),
                "Learned" => new LearnableLatent(size)
                {
                    ProjectTo = a.IntArray("ProjectTo") is { Length: 3 } p ? new Shape(p[0], p[1], p[2]) : (Shape?)null,
                    CodeLearningRate = a.Double("CodeLr"),
                    Init = EnumReader.Read(a, name, "Init", Defaults.LearnableCodeInit, diagnostics) ?? Defaults.LearnableCodeInit,
                    FitSteps = a.Int("FitSteps") ?? Defaults.LearnableFitSteps,
                },
                null or "Dense" => new DenseLatent(size),
                var other => Unknown(other),
            };

            return latent with
            {
                Name = name,
                Location = a.Location,
                ArgumentLocations = a.ArgumentLocations(arg => arg == "Size" ? (latent is ConvLatent ? ArgumentNames.Channels : ArgumentNames.Dims) : arg),
            };

            LatentSpec Unknown(string member)
            {
                diagnostics.Add(CSharpFrontEndRules.UnknownEnumValue.Create(a.LocationOf("Kind"), name, "Kind", member, "Dense, Conv, Variational, Learned"));
                return new DenseLatent(size);
            }
        }
    }
}
