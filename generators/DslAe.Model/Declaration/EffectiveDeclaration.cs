using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DslAe.Model
{
    /// <summary>
    /// Writes a <see cref="ModelSpec"/> as a YAML declaration in the key set of <see cref="YamlSchema"/> with every
    /// default written out, so users see exactly what was built (<c>summary --config</c>). Whichever front end
    /// declared the model, reading the text back as a <c>.dslae.yaml</c> file gives an equal spec: an optional value
    /// left unset is written as <c>null</c> with a comment saying what null means, rather than as the value it
    /// resolves to, so the round trip keeps it unset.
    /// </summary>
    public static class EffectiveDeclaration
    {
        /// <summary>The YAML text ("\n" line endings).</summary>
        public static string Write(ModelSpec spec)
        {
            var w = new Writer();
            w.Line(0, "# Effective declaration of " + spec.Name + ": the model as built, every default written out.");
            w.Line(0, "# Saved as a .dslae.yaml file it declares the same model.");
            w.Line(0, "name: " + YamlText.String(spec.Name));
            w.Line(0, "namespace: " + YamlText.OptionalString(spec.Namespace) + (spec.Namespace is null ? "  # null: the global namespace" : string.Empty));
            w.Line(0, "input: " + (spec.Input is { } input ? ShapeList(input) : YamlText.Null));
            w.Line(0, "corrupt: " + (spec.Corruption is { } c
                ? "{ kind: " + YamlSpelling.Corruptions.NameOf(c.Kind) + ", amount: " + YamlText.Double(c.Amount) + " }"
                : YamlText.Null + "  # null: the input is not corrupted"));
            w.Line(0, "target: " + Target(spec.Target));
            Stages(w, 0, "encoder", spec.Encoder);
            w.Line(0, "latent: " + (spec.Latent is { } latent ? Latent(latent) : YamlText.Null + "  # null: the encoder's output feeds the decoder"));
            Stages(w, 0, "decoder", spec.Decoder);
            Losses(w, spec.Losses);
            Training(w, spec.Training);
            w.Line(0, "fine_tune: " + (spec.FineTune is { } fineTune ? FineTune(fineTune) : YamlText.Null + "  # null: no classifier is fine-tuned after training"));
            return w.ToString();
        }

        private static string Target(TargetSpec target)
        {
            var arguments = new List<(string, string)>
            {
                ("kind", YamlSpelling.Targets.NameOf(target.Kind)),
                ("classes", OptionalInt(target.Classes)),
                ("scale", Int(target.Scale)),
                ("residual", YamlText.Bool(target.Residual)),
            };
            return FlowBody(arguments) + (target.IsClassification && target.Classes is null ? "  # classes null: the decoder's output channels" : string.Empty);
        }

        private static string FineTune(FineTuneSpec fineTune) => FlowBody(new List<(string, string)>
        {
            ("classes", Int(fineTune.Classes)),
            ("freeze", YamlText.Bool(fineTune.Freeze)),
            ("hidden", Int(fineTune.Hidden)),
            ("epochs", Int(fineTune.Epochs)),
            ("lr", YamlText.Double(fineTune.LearningRate)),
            ("labels", OptionalInt(fineTune.Labels)),
        }) + (fineTune.Labels is null ? "  # labels null: every labelled training image" : string.Empty);

        private static void Stages(Writer w, int indent, string key, EquatableArray<StageSpec> stages)
        {
            if (stages.IsEmpty)
            {
                w.Line(indent, key + ": []");
                return;
            }

            w.Line(indent, key + ":");
            foreach (var stage in stages)
            {
                Stage(w, indent + 2, stage);
            }
        }

        private static void Stage(Writer w, int indent, StageSpec stage)
        {
            w.Line(indent, "- name: " + YamlText.String(stage.Name));
            var body = indent + 2;
            if (Layer(stage.Layer) is { } layer)
            {
                w.Line(body, layer);
            }

            var activation = stage.Activation;
            w.Line(body, "act: " + YamlSpelling.Activations.NameOf(activation.Kind));
            if (activation.Kind is ActivationKind.LeakyRelu or ActivationKind.Elu)
            {
                w.Line(body, "act_parameter: " + (activation.Parameter is { } p
                    ? YamlText.Double(p)
                    : YamlText.Null + "  # null: " + YamlText.Double(activation.EffectiveParameter) + ", PyTorch's default"));
            }

            w.Line(body, "norm: " + YamlSpelling.Norms.NameOf(stage.Norm?.Kind));
            if (stage.Norm is { Kind: NormKind.Group } norm)
            {
                w.Line(body, "norm_groups: " + YamlText.Int(norm.Groups));
            }

            w.Line(body, "dropout: " + YamlText.Double(stage.Dropout));
            if (stage.Skip is { } skip)
            {
                w.Line(body, "skip: " + YamlText.String(skip.From));
                w.Line(body, "merge: " + YamlSpelling.Merges.NameOf(skip.Merge));
                w.Line(body, "high_pass: " + YamlText.Bool(skip.Filter == SkipFilter.HighPass));
            }
            else
            {
                w.Line(body, "skip: " + YamlText.Null);
            }

            w.Line(body, "tied_to: " + YamlText.OptionalString(stage.TiedTo));
        }

        /// <summary>The layer's key and arguments on one line; null for a stage without a layer.</summary>
        private static string? Layer(LayerSpec layer)
        {
            switch (layer)
            {
                case ConvLayer c:
                    return Flow("conv", ("out_channels", Int(c.OutChannels)), ("kernel", Int(c.Kernel)), ("stride", Int(c.Stride)),
                        ("padding", c.Padding.ToString()), ("dilation", Int(c.Dilation)), ("groups", Int(c.Groups)), ("bias", YamlText.Bool(c.Bias)));
                case ConvTransposeLayer t:
                    return Flow("conv_t", ("out_channels", Int(t.OutChannels)), ("kernel", Int(t.Kernel)), ("stride", Int(t.Stride)),
                        ("padding", t.Padding.ToString()), ("output_padding", OptionalInt(t.OutputPadding)), ("dilation", Int(t.Dilation)),
                        ("groups", Int(t.Groups)), ("bias", YamlText.Bool(t.Bias)))
                        + (t.OutputPadding is null ? "  # output_padding null: chosen by the padding (same gives out = in x stride)" : string.Empty);
                case MaxPoolLayer m:
                    return Flow("max_pool", ("kernel", Int(m.Kernel)), ("stride", OptionalInt(m.Stride)), ("padding", Int(m.Padding)),
                        ("dilation", Int(m.Dilation)), ("ceil_mode", YamlText.Bool(m.CeilMode)), ("keep_indices", YamlText.Bool(m.KeepIndices)))
                        + StrideComment(m.Stride, m.Kernel);
                case AvgPoolLayer a:
                    return Flow("avg_pool", ("kernel", Int(a.Kernel)), ("stride", OptionalInt(a.Stride)), ("padding", Int(a.Padding)),
                        ("ceil_mode", YamlText.Bool(a.CeilMode)), ("count_include_pad", YamlText.Bool(a.CountIncludePad)))
                        + StrideComment(a.Stride, a.Kernel);
                case MaxUnpoolLayer u:
                    return Flow("unpool", ("of", YamlText.String(u.Of)));
                case UpsampleLayer up:
                    var arguments = new List<(string, string)> { ("mode", YamlSpelling.UpsampleModes.NameOf(up.Mode)) };
                    if (up.Size is { } size)
                    {
                        arguments.Add(("height", Int(size.Height)));
                        arguments.Add(("width", Int(size.Width)));
                    }

                    if (up.Scale is not null || up.Size is null)
                    {
                        arguments.Add(("scale", up.Scale is { } scale ? YamlText.Double(scale) : YamlText.Null));
                    }

                    arguments.Add(("align_corners", YamlText.Bool(up.AlignCorners)));
                    return Flow("upsample", arguments.ToArray());
                case PixelShuffleLayer p:
                    return Flow("pixel_shuffle", ("factor", Int(p.Factor)));
                case ZeroUnpoolLayer z:
                    return Flow("zero_unpool", ("factor", Int(z.Factor)));
                case FlattenLayer:
                    return "flatten: {}";
                case DenseLayer d:
                    return Flow("dense", ("features", Int(d.OutFeatures)), ("bias", YamlText.Bool(d.Bias)));
                case UnflattenLayer u:
                    return Flow("unflatten", ("channels", Int(u.Channels)), ("height", Int(u.Height)), ("width", Int(u.Width)));
                default:
                    // IdentityLayer: the stage only applies its norm, activation, dropout or merge.
                    return null;
            }
        }

        private static string StrideComment(int? stride, int kernel) =>
            stride is null ? "  # stride null: the kernel (" + Int(kernel) + ")" : string.Empty;

        private static string Latent(LatentSpec latent)
        {
            var size = latent switch
            {
                ConvLatent c => c.Channels,
                DenseLatent d => d.Dims,
                VariationalLatent v => v.Dims,
                LearnableLatent l => l.Dims,
                _ => 0,
            };

            var arguments = new List<(string, string)>
            {
                ("name", YamlText.String(latent.Name)),
                ("kind", YamlSpelling.LatentKindOf(latent)),
                ("size", Int(size)),
            };

            if (latent is LearnableLatent learned)
            {
                arguments.Add(("project_to", learned.ProjectTo is { } shape ? ShapeList(shape) : YamlText.Null));
                arguments.Add(("code_lr", learned.CodeLearningRate is { } rate ? YamlText.Double(rate) : YamlText.Null));
                arguments.Add(("init", YamlSpelling.CodeInits.NameOf(learned.Init)));
                arguments.Add(("fit_steps", Int(learned.FitSteps)));
                return FlowBody(arguments) + (learned.CodeLearningRate is null ? "  # code_lr null: the optimizer's lr" : string.Empty);
            }

            return FlowBody(arguments);
        }

        private static void Losses(Writer w, EquatableArray<LossSpec> losses)
        {
            if (losses.IsEmpty)
            {
                w.Line(0, "loss: []  # empty: mse with weight 1.0");
                return;
            }

            w.Line(0, "loss:");
            foreach (var loss in losses)
            {
                var arguments = new List<(string, string)>
                {
                    ("kind", YamlSpelling.LossKindOf(loss)),
                    ("weight", YamlText.Double(loss.Weight)),
                };

                switch (loss)
                {
                    case LaplacianPyramidLoss pyramid:
                        arguments.Add(("levels", Int(pyramid.Levels)));
                        break;
                    case FeatureLoss feature:
                        arguments.Add(("layers", NameList(feature.Layers)));
                        arguments.Add(("network", YamlText.OptionalString(feature.Network)));
                        arguments.Add(("weights", YamlText.OptionalString(feature.Weights)));
                        break;
                    case CrossEntropyLoss crossEntropy:
                        arguments.Add(("classes", OptionalInt(crossEntropy.Classes)));
                        break;
                    case AdversarialLoss adversarial:
                        // The discriminator's stages need block style; the rest of the term stays on its lines.
                        w.Line(2, "- kind: " + arguments[0].Item2);
                        w.Line(4, "weight: " + arguments[1].Item2);
                        Discriminator(w, adversarial.Discriminator);
                        continue;
                }

                var comment = loss switch
                {
                    FeatureLoss { Network: null, Weights: null } => "  # network null: this model's own encoder; weights null: as initialised (fixed seed)",
                    FeatureLoss { Network: null } => "  # network null: this model's own encoder",
                    FeatureLoss { Weights: null } => "  # weights null: the network as initialised (fixed seed)",
                    CrossEntropyLoss { Classes: null } => "  # classes null: the target's classes",
                    _ => string.Empty,
                };
                w.Line(2, "- " + FlowBody(arguments) + comment);
            }
        }

        private static void Discriminator(Writer w, DiscriminatorSpec discriminator)
        {
            w.Line(4, "discriminator:");
            w.Line(6, "minibatch: " + YamlText.Bool(discriminator.MinibatchDiscrimination));
            w.Line(6, "minibatch_kernels: " + Int(discriminator.MinibatchKernels));
            w.Line(6, "minibatch_kernel_dims: " + Int(discriminator.MinibatchKernelDims));
            Stages(w, 6, "stages", discriminator.Stages);
        }

        private static void Training(Writer w, TrainingSpec t)
        {
            var optimizer = t.Optimizer;
            var schedule = t.Schedule;
            w.Line(0, "train:");
            w.Line(2, "epochs: " + Int(t.Epochs));
            w.Line(2, "batch: " + Int(t.BatchSize));
            w.Line(2, "optimizer: " + YamlSpelling.Optimizers.NameOf(optimizer.Kind));
            w.Line(2, "lr: " + YamlText.Double(optimizer.LearningRate));
            w.Line(2, "momentum: " + YamlText.Double(optimizer.Momentum));
            w.Line(2, "nesterov: " + YamlText.Bool(optimizer.Nesterov));
            w.Line(2, "weight_decay: " + (optimizer.WeightDecay is { } decay
                ? YamlText.Double(decay)
                : YamlText.Null + "  # null: the optimizer's default, " + YamlText.Double(optimizer.EffectiveWeightDecay)));
            w.Line(2, "beta1: " + YamlText.Double(optimizer.Beta1));
            w.Line(2, "beta2: " + YamlText.Double(optimizer.Beta2));
            w.Line(2, "schedule: " + YamlSpelling.Schedules.NameOf(schedule.Kind));
            w.Line(2, "step_size: " + Int(schedule.StepSize));
            w.Line(2, "gamma: " + YamlText.Double(schedule.Gamma));
            w.Line(2, "min_lr: " + YamlText.Double(schedule.MinLearningRate));
            w.Line(2, "clip_norm: " + (t.GradientClip is { } clip ? YamlText.Double(clip) : YamlText.Null + "  # null: no gradient clipping"));
            w.Line(2, "seed: " + Int(t.Seed));
            w.Line(2, "validation: " + YamlText.Double(t.ValidationFraction));
            w.Line(2, "patience: " + (t.EarlyStoppingPatience is { } patience ? Int(patience) : YamlText.Null + "  # null: no early stopping"));
            w.Line(2, "data: " + YamlText.OptionalString(t.Data) + (t.Data is null ? "  # null: chosen at run time" : string.Empty));
            w.Line(2, "data_path: " + YamlText.OptionalString(t.DataPath) + (t.DataPath is null ? "  # null: the data set's usual place" : string.Empty));
            w.Line(2, "memory_budget: " + YamlText.OptionalString(t.MemoryBudget) + (t.MemoryBudget is null ? "  # null: no budget" : string.Empty));
        }

        private static string Flow(string key, params (string Key, string Value)[] arguments) => key + ": " + FlowBody(arguments);

        private static string FlowBody(IEnumerable<(string Key, string Value)> arguments) =>
            "{ " + string.Join(", ", arguments.Select(a => a.Key + ": " + a.Value)) + " }";

        private static string ShapeList(Shape shape) => shape.IsVector
            ? "[" + Int(shape.Channels) + "]"
            : "[" + Int(shape.Channels) + ", " + Int(shape.Height) + ", " + Int(shape.Width) + "]";

        private static string NameList(EquatableArray<string> names) => "[" + string.Join(", ", names.Select(YamlText.String)) + "]";

        private static string Int(int value) => YamlText.Int(value);

        private static string OptionalInt(int? value) => value is { } v ? YamlText.Int(v) : YamlText.Null;

        /// <summary>Lines with two-space indentation steps.</summary>
        private sealed class Writer
        {
            private readonly StringBuilder _text = new();

            public void Line(int indent, string line) => _text.Append(' ', indent).Append(line).Append('\n');

            public override string ToString() => _text.ToString();
        }
    }
}
