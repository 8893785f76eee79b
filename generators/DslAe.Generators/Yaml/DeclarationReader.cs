using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DslAe.Generators.CSharp;
using DslAe.Model;

namespace DslAe.Generators.Yaml
{
    /// <summary>
    /// Reads the document tree of one <c>.dslae.yaml</c> file into a <see cref="ModelSpec"/>, in the key set of
    /// <see cref="YamlSchema"/>. It checks only how things are written (keys, types, options, names); every shape
    /// rule belongs to <see cref="ShapeInference"/>. Unwritten keys keep the IR's defaults, exactly as the C#
    /// front end leaves unwritten attribute arguments, so one model declared both ways gives equal specs.
    /// Argument locations use the C# front end's names (<see cref="Rename"/>), so a shape diagnostic points at the
    /// YAML key that C# users would see underlined as an attribute argument.
    /// </summary>
    internal sealed class DeclarationReader
    {
        private static readonly string[] StageKeys = YamlSchema.Stage.Keys.Concat(YamlSchema.Layers.Select(l => l.Name)).ToArray();

        private readonly string _fileName;
        private readonly List<DiagnosticInfo> _diagnostics;

        public DeclarationReader(string fileName, List<DiagnosticInfo> diagnostics)
        {
            _fileName = fileName;
            _diagnostics = diagnostics;
        }

        public ModelSpec? Read(DocNode root)
        {
            if (root is not DocMapping mapping)
            {
                Report(YamlFrontEndRules.WrongType, root.Location, _fileName, "the document", "a mapping with keys such as name, input, encoder, latent, decoder", root.Describe());
                return null;
            }

            var m = new MappingReader(mapping, PeekName(mapping) ?? _fileName, YamlSchema.Model.Keys, _diagnostics);
            var name = m.String("name");
            if (!m.Has("name"))
            {
                m.Missing("name", "name the model, e.g. name: FashionAe; it names the generated classes");
            }
            else if (name is not null)
            {
                Add(NameRules.CheckModelName(name, m.LocationOf("name")));
            }

            var ns = m.String("namespace", nullable: true);
            if (ns is not null)
            {
                Add(NameRules.CheckNamespace(ns, m.LocationOf("namespace")));
            }

            var input = m.IntList("input", 3, "channels, height, width");
            if (!m.Has("input"))
            {
                m.Missing("input", "declare the shape of one sample as channels, height, width, e.g. input: [1, 28, 28]");
            }

            return new ModelSpec(name ?? string.Empty, ns)
            {
                FrontEnd = FrontEnd.Yaml,
                Location = m.LocationOf("name"),
                ArgumentLocations = m.ArgumentLocations(key => key switch { "name" => ArgumentNames.Name, "input" => ArgumentNames.Input, _ => null }).ToEquatableArray(),
                Input = input is null ? null : new Shape(input[0], input[1], input[2]),
                Corruption = ReadCorruption(m),
                Target = ReadTarget(m),
                FineTune = ReadFineTune(m),
                Encoder = ReadStages(m, "encoder"),
                Latent = ReadLatent(m),
                Decoder = ReadStages(m, "decoder"),
                Losses = ReadLosses(m),
                Training = ReadTraining(m),
            };
        }

        private EquatableArray<StageSpec> ReadStages(MappingReader parent, string key)
        {
            if (!parent.IsSet(key))
            {
                return default;
            }

            var node = parent.Node(key)!;
            if (node is not DocSequence sequence)
            {
                Report(YamlFrontEndRules.WrongType, node.Location, parent.Owner, key, "a list of stages, each '- { name: ..., <layer>: {...} }'", node.Describe());
                return default;
            }

            var stages = new List<StageSpec>();
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                if (ReadStage(sequence.Items[i], key + " stage " + (i + 1)) is { } stage)
                {
                    stages.Add(stage);
                }
            }

            return stages.ToEquatableArray();
        }

        private StageSpec? ReadStage(DocNode node, string role)
        {
            if (node is not DocMapping mapping)
            {
                Report(YamlFrontEndRules.WrongType, node.Location, role, "stage", "a mapping such as { name: Enc1, conv: { out_channels: 32 } }", node.Describe());
                return null;
            }

            var m = new MappingReader(mapping, PeekName(mapping) ?? role, StageKeys, _diagnostics);
            var name = m.String("name");
            if (!m.Has("name"))
            {
                m.Missing("name", "every stage is named, e.g. name: Enc1; skips, unpooling and ties refer to stages by name");
            }
            else if (name is not null)
            {
                Add(NameRules.CheckStageName(name, m.LocationOf("name")));
            }

            var layerEntries = m.Entries.Where(e => YamlSchema.LayerSection(e.KeyText!) is not null).ToList();
            if (layerEntries.Count > 1)
            {
                Report(YamlFrontEndRules.ConflictingKeys, layerEntries[1].Location, m.Owner, layerEntries[0].KeyText!, layerEntries[1].KeyText!,
                    "a stage applies one layer, so declare '" + layerEntries[1].KeyText + "' as a stage of its own");
            }

            var arguments = m.ArgumentLocations(StageArgument).ToList();
            LayerSpec layer = IdentityLayer.Instance;
            if (layerEntries.Count > 0)
            {
                var layerReader = new LayerReader(m.Owner, _diagnostics);
                layer = layerReader.Read(layerEntries[0]) ?? IdentityLayer.Instance;
                arguments.AddRange(layerReader.ArgumentLocations);
            }

            var stage = new StageSpec(name ?? string.Empty, layer)
            {
                Location = mapping.Location,
                ArgumentLocations = arguments.OrderBy(a => a.Location.Start).ToEquatableArray(),
                Dropout = m.Double("dropout") ?? 0.0,
                TiedTo = m.String("tied_to", nullable: true),
            };

            if (m.TryOption("act", YamlSpelling.Activations, out var activation) && activation != ActivationKind.None)
            {
                stage = stage with { Activation = new ActivationSpec(activation, m.Double("act_parameter", nullable: true)) };
            }

            if (m.Has("act_parameter") && activation is not (ActivationKind.LeakyRelu or ActivationKind.Elu))
            {
                m.DoesNotApply("act_parameter", "with act: leaky_relu (its slope) or act: elu (its alpha)", "remove it or change 'act'");
            }

            m.TryOption("norm", YamlSpelling.Norms, out var norm);
            if (norm is { } normKind)
            {
                stage = stage with { Norm = new NormSpec(normKind, m.Int("norm_groups") ?? 0) };
            }

            if (m.Has("norm_groups") && norm != NormKind.Group)
            {
                m.DoesNotApply("norm_groups", "with norm: group", "remove it or write norm: group");
            }

            return ReadSkip(m, stage);
        }

        private static StageSpec ReadSkip(MappingReader m, StageSpec stage)
        {
            var from = m.String("skip", nullable: true);
            if (from is null)
            {
                foreach (var key in new[] { "merge", "high_pass" }.Where(m.Has))
                {
                    m.DoesNotApply(key, "with 'skip'", "add 'skip: <stage>' or remove '" + key + "'");
                }

                return stage;
            }

            var merge = m.TryOption("merge", YamlSpelling.Merges, out var written) ? written : Defaults.Merge;
            return stage with
            {
                Skip = new SkipSpec(from)
                {
                    Location = m.LocationOf("skip"),
                    ArgumentLocations = stage.ArgumentLocations,
                    Merge = merge,
                    Filter = m.Bool("high_pass") == true ? SkipFilter.HighPass : SkipFilter.None,
                },
            };
        }

        private LatentSpec? ReadLatent(MappingReader parent)
        {
            if (!parent.IsSet("latent"))
            {
                return null;
            }

            var node = parent.Node("latent")!;
            if (node is not DocMapping mapping)
            {
                Report(YamlFrontEndRules.WrongType, node.Location, parent.Owner, "latent", "a mapping such as { kind: dense, size: 32 }", node.Describe());
                return null;
            }

            var m = new MappingReader(mapping, "latent", YamlSchema.Latent.Keys, _diagnostics);
            var name = m.String("name") ?? Defaults.LatentName;
            if (m.Has("name"))
            {
                Add(NameRules.CheckStageName(name, m.LocationOf("name")));
            }

            var kind = m.TryOption("kind", YamlSpelling.LatentKinds, out var written) ? written : nameof(DenseLatent);
            var size = RequiredInt(m, "size", "the code's size: dimensions of a dense, variational or learned code, channels of a conv code, e.g. size: 32");
            LatentSpec latent = kind switch
            {
                nameof(ConvLatent) => new ConvLatent(size),
                nameof(VariationalLatent) => new VariationalLatent(size),
                nameof(LearnableLatent) => ReadLearned(m, size),
                _ => new DenseLatent(size),
            };

            if (latent is not LearnableLatent)
            {
                foreach (var key in new[] { "project_to", "code_lr", "init", "fit_steps" }.Where(m.Has))
                {
                    m.DoesNotApply(key, "to kind: learned (per-sample GLO codes)", "remove it or write kind: learned");
                }
            }

            var sizeArgument = latent is ConvLatent ? ArgumentNames.Channels : ArgumentNames.Dims;
            return latent with
            {
                Name = name,
                Location = mapping.Location,
                ArgumentLocations = m.ArgumentLocations(key => key switch
                {
                    "size" => sizeArgument,
                    "code_lr" => ArgumentNames.CodeLearningRate,
                    _ => Pascal(key),
                }).ToEquatableArray(),
            };
        }

        private static LearnableLatent ReadLearned(MappingReader m, int size)
        {
            var projectTo = m.IntList("project_to", 3, "channels, height, width the code is projected to", nullable: true);
            return new LearnableLatent(size)
            {
                ProjectTo = projectTo is null ? null : new Shape(projectTo[0], projectTo[1], projectTo[2]),
                CodeLearningRate = m.Double("code_lr", nullable: true),
                Init = m.TryOption("init", YamlSpelling.CodeInits, out var init) ? init : Defaults.LearnableCodeInit,
                FitSteps = m.Int("fit_steps") ?? Defaults.LearnableFitSteps,
            };
        }

        /// <summary>
        /// The reader of an optional mapping under <paramref name="parent"/> (its key is the section's name); null when the
        /// key is absent or null, or, reported with <paramref name="example"/>, when its value is not a mapping.
        /// </summary>
        private (MappingReader Reader, DocMapping Mapping)? OptionalSection(MappingReader parent, YamlSection section, string example)
        {
            if (!parent.IsSet(section.Name))
            {
                return null;
            }

            var node = parent.Node(section.Name)!;
            if (node is not DocMapping mapping)
            {
                Report(YamlFrontEndRules.WrongType, node.Location, parent.Owner, section.Name, "a mapping such as " + example, node.Describe());
                return null;
            }

            return (new MappingReader(mapping, section.Name, section.Keys, _diagnostics), mapping);
        }

        private CorruptionSpec? ReadCorruption(MappingReader parent)
        {
            if (OptionalSection(parent, YamlSchema.Corrupt, "{ kind: gaussian, amount: 0.2 }") is not ({ } m, { } mapping))
            {
                return null;
            }

            if (!m.Has("kind"))
            {
                m.Missing("kind", "write kind: gaussian, masking or salt_pepper");
            }

            var kind = m.TryOption("kind", YamlSpelling.Corruptions, out var written) ? written : CorruptionKind.Gaussian;
            if (!m.Has("amount"))
            {
                m.Missing("amount", "the noise's standard deviation (gaussian) or probability (masking, salt_pepper), e.g. amount: 0.2");
            }

            return new CorruptionSpec(kind, m.Double("amount") ?? 0.0)
            {
                Location = mapping.Location,
                ArgumentLocations = m.ArgumentLocations(Pascal).ToEquatableArray(),
            };
        }

        private TargetSpec ReadTarget(MappingReader parent)
        {
            if (OptionalSection(parent, YamlSchema.Target, "{ kind: pixel_labels, classes: 11 }") is not ({ } m, { } mapping))
            {
                return TargetSpec.Input;
            }

            if (!m.Has("kind"))
            {
                m.Missing("kind", "write kind: input, labels, pixel_labels or image");
            }

            var kind = m.TryOption("kind", YamlSpelling.Targets, out var written) ? written : TargetKind.Input;
            return new TargetSpec(kind)
            {
                Location = mapping.Location,
                ArgumentLocations = m.ArgumentLocations(key => key == "kind" ? ArgumentNames.TargetKind : Pascal(key)).ToEquatableArray(),
                Classes = m.Int("classes", nullable: true),
                Scale = m.Int("scale") ?? Defaults.TargetScale,
                Residual = m.Bool("residual") ?? false,
            };
        }

        private FineTuneSpec? ReadFineTune(MappingReader parent)
        {
            if (OptionalSection(parent, YamlSchema.FineTune, "{ classes: 10, freeze: true, epochs: 20 }") is not ({ } m, { } mapping))
            {
                return null;
            }

            if (!m.Has("classes"))
            {
                m.Missing("classes", "write classes: K, the number of classes of the labels");
            }

            return new FineTuneSpec(m.Int("classes") ?? 0)
            {
                Location = mapping.Location,
                ArgumentLocations = m.ArgumentLocations(key => key == "lr" ? ArgumentNames.LearningRate : Pascal(key)).ToEquatableArray(),
                Freeze = m.Bool("freeze") ?? Defaults.FineTuneFreeze,
                Hidden = m.Int("hidden") ?? 0,
                Epochs = m.Int("epochs") ?? Defaults.FineTuneEpochs,
                LearningRate = m.Double("lr") ?? Defaults.FineTuneLearningRate,
                Labels = m.Int("labels", nullable: true),
            };
        }

        private EquatableArray<LossSpec> ReadLosses(MappingReader parent)
        {
            if (!parent.IsSet("loss"))
            {
                return default;
            }

            var node = parent.Node("loss")!;
            if (node is not DocSequence sequence)
            {
                Report(YamlFrontEndRules.WrongType, node.Location, parent.Owner, "loss", "a list of terms such as [ { kind: mse }, { kind: l1, weight: 0.5 } ]", node.Describe());
                return default;
            }

            var losses = new List<LossSpec>();
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                if (ReadLoss(sequence.Items[i], "loss " + (i + 1)) is { } loss)
                {
                    losses.Add(loss);
                }
            }

            return losses.ToEquatableArray();
        }

        private LossSpec? ReadLoss(DocNode node, string role)
        {
            if (node is DocScalar { IsNull: false } scalar)
            {
                // "- mse": a term with every default.
                if (!YamlSpelling.LossKinds.TryParse(scalar.Value, out var kind))
                {
                    var suggestion = Suggestions.Closest(scalar.Value, YamlSpelling.LossKinds.Names.ToList());
                    Report(YamlFrontEndRules.UnknownValue, node.Location, role, "kind", scalar.Value, string.Join(", ", YamlSpelling.LossKinds.Names),
                        suggestion is null ? string.Empty : "; did you mean '" + suggestion + "'?");
                    return null;
                }

                if (kind is nameof(PerceptualLoss) or nameof(StyleLoss) or nameof(AdversarialLoss))
                {
                    Report(YamlFrontEndRules.MissingKey, node.Location, role, kind == nameof(AdversarialLoss) ? "discriminator" : "layers",
                        "write this term as a mapping, e.g. { kind: " + scalar.Value + ", " + (kind == nameof(AdversarialLoss) ? "discriminator: { stages: [...] }" : "layers: [Enc1]") + " }");
                    return null;
                }

                return new LossReader(this).Create(kind, null)! with { Location = node.Location };
            }

            if (node is not DocMapping mapping)
            {
                Report(YamlFrontEndRules.WrongType, node.Location, role, "term", "a loss kind such as mse, or a mapping such as { kind: l1, weight: 0.5 }", node.Describe());
                return null;
            }

            var m = new MappingReader(mapping, role, YamlSchema.Loss.Keys, _diagnostics);
            if (!m.Has("kind"))
            {
                m.Missing("kind", "write the loss kind, e.g. kind: mse");
                return null;
            }

            if (!m.TryOption("kind", YamlSpelling.LossKinds, out var lossKind))
            {
                return null;
            }

            var loss = new LossReader(this).Create(lossKind, m);
            return loss is null ? null : loss with
            {
                Weight = m.Double("weight") ?? Defaults.LossWeight,
                Location = mapping.Location,
                ArgumentLocations = m.ArgumentLocations(Pascal).ToEquatableArray(),
            };
        }

        /// <summary>An adversarial loss's discriminator: its stages (read like the model's) and minibatch discrimination.</summary>
        internal DiscriminatorSpec? ReadDiscriminator(MappingReader parent)
        {
            var node = parent.Node("discriminator")!;
            if (node is not DocMapping mapping)
            {
                Report(YamlFrontEndRules.WrongType, node.Location, parent.Owner, "discriminator", "a mapping such as { stages: [ ... ], minibatch: true }", node.Describe());
                return null;
            }

            var m = new MappingReader(mapping, "discriminator", YamlSchema.Discriminator.Keys, _diagnostics);
            if (!m.Has("stages"))
            {
                m.Missing("stages", "list the discriminator's stages, ending in a Dense(1) or a one-channel conv");
            }

            return new DiscriminatorSpec(ReadStages(m, "stages"))
            {
                Location = mapping.Location,
                ArgumentLocations = m.ArgumentLocations(Pascal).ToEquatableArray(),
                MinibatchDiscrimination = m.Bool("minibatch") ?? false,
                MinibatchKernels = m.Int("minibatch_kernels") ?? Defaults.MinibatchKernels,
                MinibatchKernelDims = m.Int("minibatch_kernel_dims") ?? Defaults.MinibatchKernelDims,
            };
        }

        private TrainingSpec ReadTraining(MappingReader parent)
        {
            if (!parent.IsSet("train"))
            {
                return TrainingSpec.Default;
            }

            var node = parent.Node("train")!;
            if (node is not DocMapping mapping)
            {
                Report(YamlFrontEndRules.WrongType, node.Location, parent.Owner, "train", "a mapping such as { epochs: 5, batch: 64, optimizer: adam, lr: 0.001 }", node.Describe());
                return TrainingSpec.Default;
            }

            var m = new MappingReader(mapping, "train", YamlSchema.Train.Keys, _diagnostics);
            var arguments = m.ArgumentLocations(key => key == "min_lr" ? "MinLearningRate" : Rename.Model(Pascal(key))).ToEquatableArray();
            var optimizer = new OptimizerSpec(m.TryOption("optimizer", YamlSpelling.Optimizers, out var optimizerKind) ? optimizerKind : Defaults.Optimizer)
            {
                Location = m.LocationOf("optimizer"),
                ArgumentLocations = arguments,
                LearningRate = m.Double("lr") ?? Defaults.LearningRate,
                Momentum = m.Double("momentum") ?? Defaults.Momentum,
                Nesterov = m.Bool("nesterov") ?? false,
                WeightDecay = m.Double("weight_decay", nullable: true),
                Beta1 = m.Double("beta1") ?? Defaults.Beta1,
                Beta2 = m.Double("beta2") ?? Defaults.Beta2,
            };
            var schedule = new ScheduleSpec(m.TryOption("schedule", YamlSpelling.Schedules, out var scheduleKind) ? scheduleKind : Defaults.Schedule)
            {
                Location = m.LocationOf("schedule"),
                ArgumentLocations = arguments,
                StepSize = m.Int("step_size") ?? Defaults.StepSize,
                Gamma = m.Double("gamma") ?? Defaults.Gamma,
                MinLearningRate = m.Double("min_lr") ?? 0.0,
            };

            return new TrainingSpec
            {
                Location = mapping.Location,
                ArgumentLocations = arguments,
                Epochs = m.Int("epochs") ?? Defaults.Epochs,
                BatchSize = m.Int("batch") ?? Defaults.BatchSize,
                Optimizer = optimizer,
                Schedule = schedule,
                GradientClip = m.Double("clip_norm", nullable: true),
                Seed = m.Int("seed") ?? Defaults.Seed,
                ValidationFraction = m.Double("validation") ?? Defaults.ValidationFraction,
                EarlyStoppingPatience = m.Int("patience", nullable: true),
                Data = m.String("data", nullable: true),
                DataPath = m.String("data_path", nullable: true),
                MemoryBudget = m.String("memory_budget", nullable: true),
            };
        }

        /// <summary>A required integer: reported when missing, 0 then (the spec is dropped anyway because of the error).</summary>
        internal static int RequiredInt(MappingReader m, string key, string hint)
        {
            if (!m.Has(key))
            {
                m.Missing(key, hint);
                return 0;
            }

            return m.Int(key) ?? 0;
        }

        /// <summary>The IR argument name of a stage-level key, as the C# front end names the same argument.</summary>
        private static string? StageArgument(string key) =>
            key == "name" ? ArgumentNames.Name : YamlSchema.LayerSection(key) is not null ? null : Rename.Stage(Pascal(key));

        /// <summary>snake_case to PascalCase: "out_channels" is the C# argument "OutChannels".</summary>
        internal static string Pascal(string key)
        {
            var text = new StringBuilder(key.Length);
            var upper = true;
            foreach (var c in key)
            {
                if (c == '_')
                {
                    upper = true;
                    continue;
                }

                text.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }

            return text.ToString();
        }

        /// <summary>The value of a mapping's "name" key when it is a plain scalar, so messages can name the stage from the start.</summary>
        private static string? PeekName(DocMapping mapping) =>
            mapping.Entries.FirstOrDefault(e => e.KeyText == "name")?.Value is DocScalar { IsNull: false } name && name.Value.Length is > 0 and <= 64
                ? name.Value
                : null;

        private void Add(DiagnosticInfo? diagnostic)
        {
            if (diagnostic is not null)
            {
                _diagnostics.Add(diagnostic);
            }
        }

        internal void Report(DiagnosticRule rule, SourceLocation location, params object[] args) => _diagnostics.Add(rule.Create(location, args));
    }
}
