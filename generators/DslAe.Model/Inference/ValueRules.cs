using System;

namespace DslAe.Model
{
    /// <summary>
    /// DSLAE016 and its relatives: numbers outside their valid range, checked before any shape so
    /// the shape rules can rely on positive kernels, strides and so on.
    /// </summary>
    internal sealed class ValueRules
    {
        private readonly InferenceContext _context;

        public ValueRules(InferenceContext context)
        {
            _context = context;
        }

        /// <summary>Checks a stage's own numbers; false when any is invalid (its shape is then not inferred).</summary>
        public bool CheckStage(StageSpec stage)
        {
            var errors = _context.ErrorCount;
            if (string.IsNullOrWhiteSpace(stage.Name))
            {
                Invalid(stage, stage.Name, ArgumentNames.Name, "a non-empty name", "an empty name", named: "the name");
            }

            if (stage.Layer is null)
            {
                Invalid(stage, stage.Name, "Layer", "given", "none", named: "the layer");
                return false;
            }

            CheckLayer(stage);
            Probability(stage, stage.Name, ArgumentNames.Dropout, stage.Dropout, includeOne: false);
            if (stage.Norm is { Kind: NormKind.Group, Groups: < 1 } norm)
            {
                Invalid(stage, stage.Name, ArgumentNames.Norm, "a group norm with at least 1 group", norm.Groups, named: ArgumentSpelling.Name(ArgumentNames.NormGroups));
            }

            if (stage.Activation.Parameter is { } parameter && !IsFinite(parameter))
            {
                Invalid(stage, stage.Name, ArgumentNames.Activation, "a finite parameter", parameter, named: ArgumentSpelling.Name(ArgumentNames.ActParameter));
            }

            if (stage.Activation.Kind == ActivationKind.Elu && stage.Activation.EffectiveParameter <= 0)
            {
                Invalid(stage, stage.Name, ArgumentNames.Activation, "an ELU alpha above 0", stage.Activation.EffectiveParameter, named: ArgumentSpelling.Name(ArgumentNames.ActParameter));
            }

            return _context.ErrorCount == errors;
        }

        private void CheckLayer(StageSpec stage)
        {
            var name = stage.Name;
            switch (stage.Layer)
            {
                case ConvLayer conv:
                    CheckConvolution(stage, conv.OutChannels, conv.Kernel, conv.Stride, conv.Dilation, conv.Groups, conv.Padding);
                    break;
                case ConvTransposeLayer convT:
                    CheckConvolution(stage, convT.OutChannels, convT.Kernel, convT.Stride, convT.Dilation, convT.Groups, convT.Padding);
                    if (convT.OutputPadding is { } outputPadding)
                    {
                        AtLeast(stage, name, ArgumentNames.OutputPadding, outputPadding, 0);
                        var limit = Math.Max(convT.Stride, convT.Dilation);
                        if (outputPadding >= limit && convT.Stride >= 1 && convT.Dilation >= 1)
                        {
                            var fix = limit > 1
                                ? $"use an {ArgumentSpelling.Name(ArgumentNames.OutputPadding)} below {limit}, or a larger stride"
                                : $"remove {ArgumentSpelling.Name(ArgumentNames.OutputPadding)} (it needs a stride or dilation above 1)";
                            _context.ReportFixable(DiagnosticCatalogue.OutputPaddingTooLarge, stage.LocationOf(ArgumentNames.OutputPadding),
                                new[] { ProposedFix.On(name, limit > 1 ? ArgumentEdit.Set(ArgumentNames.OutputPadding, limit - 1) : ArgumentEdit.Remove(ArgumentNames.OutputPadding)) }, name, convT.Stride, convT.Dilation, outputPadding, fix);
                        }
                    }

                    break;
                case MaxPoolLayer maxPool:
                    CheckPool(stage, maxPool.Kernel, maxPool.Stride, maxPool.Padding);
                    AtLeast(stage, name, ArgumentNames.Dilation, maxPool.Dilation, 1);
                    break;
                case AvgPoolLayer avgPool:
                    CheckPool(stage, avgPool.Kernel, avgPool.Stride, avgPool.Padding);
                    break;
                case MaxUnpoolLayer unpool when string.IsNullOrWhiteSpace(unpool.Of):
                    Invalid(stage, name, ArgumentNames.Of, "the name of a max-pooling stage", "an empty name");
                    break;
                case UpsampleLayer upsample:
                    CheckUpsample(stage, upsample);
                    break;
                case PixelShuffleLayer shuffle:
                    AtLeast(stage, name, ArgumentNames.Factor, shuffle.Factor, 1);
                    break;
                case ZeroUnpoolLayer zeros:
                    AtLeast(stage, name, ArgumentNames.Factor, zeros.Factor, 1);
                    break;
                case DenseLayer dense:
                    AtLeast(stage, name, ArgumentNames.OutFeatures, dense.OutFeatures, 1);
                    break;
                case UnflattenLayer unflatten when unflatten.Channels < 1 || unflatten.Height < 1 || unflatten.Width < 1:
                    Invalid(stage, name, ArgumentNames.Shape, "positive channels, height and width", $"{unflatten.Channels}x{unflatten.Height}x{unflatten.Width}");
                    break;
            }
        }

        private void CheckConvolution(StageSpec stage, int outChannels, int kernel, int stride, int dilation, int groups, Padding padding)
        {
            AtLeast(stage, stage.Name, ArgumentNames.OutChannels, outChannels, 1);
            AtLeast(stage, stage.Name, ArgumentNames.Kernel, kernel, 1);
            AtLeast(stage, stage.Name, ArgumentNames.Stride, stride, 1);
            AtLeast(stage, stage.Name, ArgumentNames.Dilation, dilation, 1);
            AtLeast(stage, stage.Name, ArgumentNames.Groups, groups, 1);
            AtLeast(stage, stage.Name, ArgumentNames.Padding, padding.Amount, 0);
        }

        private void CheckPool(StageSpec stage, int kernel, int? stride, int padding)
        {
            AtLeast(stage, stage.Name, ArgumentNames.Kernel, kernel, 1);
            if (stride is { } s)
            {
                AtLeast(stage, stage.Name, ArgumentNames.Stride, s, 1);
            }

            AtLeast(stage, stage.Name, ArgumentNames.Padding, padding, 0);
            if (kernel >= 1 && padding > kernel / 2)
            {
                _context.Report(DiagnosticCatalogue.PoolPaddingTooLarge, stage.LocationOf(ArgumentNames.Padding), stage.Name, kernel / 2, padding);
            }
        }

        private void CheckUpsample(StageSpec stage, UpsampleLayer upsample)
        {
            if (upsample.Scale is null == upsample.Size is null)
            {
                Invalid(stage, stage.Name, ArgumentNames.Scale, "given alone (give either it or " + HeightAndWidth + ")", upsample.Scale is null ? "neither" : "both");
            }

            if (upsample.Scale is { } scale && !(scale > 0 && IsFinite(scale)))
            {
                Invalid(stage, stage.Name, ArgumentNames.Scale, "a finite number above 0", scale);
            }

            if (upsample.Size is { } size && (size.Height < 1 || size.Width < 1))
            {
                Invalid(stage, stage.Name, ArgumentNames.Size, "positive", $"{size.Height}x{size.Width}", named: HeightAndWidth);
            }
        }

        /// <summary>Checks the latent's numbers; false when any is invalid.</summary>
        public bool CheckLatent(LatentSpec latent)
        {
            var errors = _context.ErrorCount;
            if (string.IsNullOrWhiteSpace(latent.Name))
            {
                Invalid(latent, "Latent", ArgumentNames.Name, "a non-empty name", "an empty name");
            }

            switch (latent)
            {
                case ConvLatent conv:
                    AtLeast(latent, latent.Name, ArgumentNames.Channels, conv.Channels, 1);
                    break;
                case DenseLatent dense:
                    AtLeast(latent, latent.Name, ArgumentNames.Dims, dense.Dims, 1);
                    break;
                case VariationalLatent variational:
                    AtLeast(latent, latent.Name, ArgumentNames.Dims, variational.Dims, 1);
                    break;
                case LearnableLatent learnable:
                    AtLeast(latent, latent.Name, ArgumentNames.Dims, learnable.Dims, 1);
                    if (learnable.ProjectTo is { } target && (target.Channels < 1 || target.Height < 1 || target.Width < 1))
                    {
                        Invalid(latent, latent.Name, ArgumentNames.ProjectTo, "positive channels, height and width", target);
                    }

                    if (learnable.CodeLearningRate is { } rate && !(rate > 0 && IsFinite(rate)))
                    {
                        Invalid(latent, latent.Name, ArgumentNames.CodeLearningRate, "a finite number above 0", rate);
                    }

                    AtLeast(latent, latent.Name, ArgumentNames.FitSteps, learnable.FitSteps, 1);

                    break;
            }

            return _context.ErrorCount == errors;
        }

        /// <summary>Checks corruption, loss weights and parameters, and training settings.</summary>
        public void CheckSettings(ModelSpec spec)
        {
            if (spec.Corruption is { } corruption)
            {
                var name = "Corruption " + corruption.Kind;
                if (corruption.Kind == CorruptionKind.Gaussian)
                {
                    if (!(corruption.Amount >= 0 && IsFinite(corruption.Amount)))
                    {
                        Invalid(corruption, name, ArgumentNames.Amount, "a finite standard deviation of at least 0", corruption.Amount);
                    }
                }
                else
                {
                    Probability(corruption, name, ArgumentNames.Amount, corruption.Amount, includeOne: corruption.Kind == CorruptionKind.SaltAndPepper);
                }
            }

            CheckTarget(spec.Target);
            if (spec.FineTune is { } fineTune)
            {
                CheckFineTune(fineTune, spec);
            }

            foreach (var loss in spec.Losses)
            {
                CheckLoss(loss);
            }

            CheckTraining(spec.Training);
        }

        private void CheckTarget(TargetSpec target)
        {
            const string Name = "Target";
            if (target.Classes is { } classes && classes < 2)
            {
                Invalid(target, Name, ArgumentNames.Classes, "at least 2", classes);
            }

            AtLeast(target, Name, ArgumentNames.Scale, target.Scale, 1);
            if (target.Residual && target.Kind != TargetKind.Image)
            {
                Invalid(target, Name, ArgumentNames.Residual, "false unless the target is an image (residual learning adds the upsampled input)", "true");
            }
        }

        private void CheckFineTune(FineTuneSpec fineTune, ModelSpec spec)
        {
            const string Name = "FineTune";
            if (fineTune.Classes < 2)
            {
                Invalid(fineTune, Name, ArgumentNames.Classes, "at least 2 (the labels' number of classes)", fineTune.Classes == 0 ? "none" : fineTune.Classes);
            }

            AtLeast(fineTune, Name, ArgumentNames.Hidden, fineTune.Hidden, 0);
            AtLeast(fineTune, Name, ArgumentNames.Epochs, fineTune.Epochs, 1);
            if (fineTune.Labels is { } labels)
            {
                AtLeast(fineTune, Name, ArgumentNames.Labels, labels, 1);
            }

            if (!(fineTune.LearningRate > 0 && IsFinite(fineTune.LearningRate)))
            {
                Invalid(fineTune, Name, ArgumentNames.LearningRate, "a finite number above 0", fineTune.LearningRate);
            }

            // Pre-training is reconstruction: a model trained on labels already is the classifier it would fine-tune.
            if (spec.Target.Kind != TargetKind.Input)
            {
                Invalid(fineTune, Name, ArgumentNames.Classes, "the input (a fine-tune follows reconstruction training; remove the target or the fine-tune)",
                    Describe.Target(spec.Target), named: "the model's target");
            }
        }

        private void CheckLoss(LossSpec loss)
        {
            var name = "Loss " + loss.KindName;
            if (!(loss.Weight >= 0 && IsFinite(loss.Weight)))
            {
                Invalid(loss, name, ArgumentNames.Weight, "a finite number of at least 0", loss.Weight);
            }

            switch (loss)
            {
                case LaplacianPyramidLoss pyramid:
                    AtLeast(loss, name, ArgumentNames.Levels, pyramid.Levels, 1);
                    break;
                case PerceptualLoss { Layers.IsEmpty: true }:
                case StyleLoss { Layers.IsEmpty: true }:
                    Invalid(loss, name, ArgumentNames.Layers, "at least one stage name", "none");
                    break;
                case CrossEntropyLoss { Classes: < 1 } crossEntropy:
                    Invalid(loss, name, ArgumentNames.Classes, "at least 1", crossEntropy.Classes.Value);
                    break;
                case AdversarialLoss adversarial:
                    AtLeast(adversarial.Discriminator, name, ArgumentNames.MinibatchKernels, adversarial.Discriminator.MinibatchKernels, 1);
                    AtLeast(adversarial.Discriminator, name, ArgumentNames.MinibatchKernelDims, adversarial.Discriminator.MinibatchKernelDims, 1);
                    break;
            }
        }

        private void CheckTraining(TrainingSpec training)
        {
            const string name = "Training";
            AtLeast(training, name, ArgumentNames.Epochs, training.Epochs, 1);
            AtLeast(training, name, ArgumentNames.BatchSize, training.BatchSize, 1);
            if (training.GradientClip is { } clip && !(clip > 0 && IsFinite(clip)))
            {
                Invalid(training, name, ArgumentNames.GradientClip, "a finite number above 0", clip);
            }

            if (!(training.ValidationFraction >= 0 && training.ValidationFraction < 1))
            {
                Invalid(training, name, ArgumentNames.ValidationFraction, "in [0, 1)", training.ValidationFraction);
            }

            if (training.EarlyStoppingPatience is { } patience)
            {
                AtLeast(training, name, ArgumentNames.EarlyStoppingPatience, patience, 1);
            }

            if (training.MemoryBudget is { } budget && !ByteSize.TryParse(budget, out _))
            {
                Invalid(training, name, ArgumentNames.MemoryBudget, "a size such as \"2GB\" or \"8 GiB\"", "\"" + budget + "\"");
            }

            var optimizer = training.Optimizer;
            const string optimizerName = "Optimizer";
            if (!(optimizer.LearningRate > 0 && IsFinite(optimizer.LearningRate)))
            {
                Invalid(optimizer, optimizerName, ArgumentNames.LearningRate, "a finite number above 0", optimizer.LearningRate);
            }

            if (!(optimizer.Momentum >= 0 && optimizer.Momentum < 1))
            {
                Invalid(optimizer, optimizerName, ArgumentNames.Momentum, "in [0, 1)", optimizer.Momentum);
            }

            if (optimizer.Nesterov && !(optimizer.Momentum > 0 && optimizer.Kind == OptimizerKind.Sgd))
            {
                Invalid(optimizer, optimizerName, ArgumentNames.Nesterov, "used with SGD and a momentum above 0", $"{optimizer.Kind} with momentum {Format(optimizer.Momentum)}");
            }

            if (!(optimizer.EffectiveWeightDecay >= 0 && IsFinite(optimizer.EffectiveWeightDecay)))
            {
                Invalid(optimizer, optimizerName, ArgumentNames.WeightDecay, "a finite number of at least 0", optimizer.EffectiveWeightDecay);
            }

            if (!(optimizer.Beta1 >= 0 && optimizer.Beta1 < 1 && optimizer.Beta2 >= 0 && optimizer.Beta2 < 1))
            {
                Invalid(optimizer, optimizerName, ArgumentNames.Betas, "in [0, 1)", $"({Format(optimizer.Beta1)}, {Format(optimizer.Beta2)})",
                    named: ArgumentSpelling.Name(ArgumentNames.Beta1) + " and " + ArgumentSpelling.Name(ArgumentNames.Beta2));
            }

            var schedule = training.Schedule;
            const string scheduleName = "Schedule";
            if (schedule.Kind == ScheduleKind.Step)
            {
                AtLeast(schedule, scheduleName, ArgumentNames.StepSize, schedule.StepSize, 1);
                if (!(schedule.Gamma > 0 && schedule.Gamma <= 1))
                {
                    Invalid(schedule, scheduleName, ArgumentNames.Gamma, "in (0, 1]", schedule.Gamma);
                }
            }

            if (schedule.Kind == ScheduleKind.Cosine && !(schedule.MinLearningRate >= 0 && schedule.MinLearningRate < optimizer.LearningRate))
            {
                Invalid(schedule, scheduleName, ArgumentNames.MinLearningRate, "at least 0 and below the learning rate", schedule.MinLearningRate);
            }
        }

        private void AtLeast(SpecElement element, string name, string argument, int value, int minimum)
        {
            if (value < minimum)
            {
                Invalid(element, name, argument, "at least " + minimum, value);
            }
        }

        private void Probability(SpecElement element, string name, string argument, double value, bool includeOne)
        {
            var valid = value >= 0 && (includeOne ? value <= 1 : value < 1);
            if (!valid)
            {
                Invalid(element, name, argument, includeOne ? "in [0, 1]" : "in [0, 1)", value);
            }
        }

        /// <summary>The upsampling's explicit size, which is two arguments in both front ends.</summary>
        private static readonly string HeightAndWidth = ArgumentSpelling.Name(ArgumentNames.Height) + " and " + ArgumentSpelling.Name(ArgumentNames.Width);

        /// <summary>DSLAE016 at <paramref name="argument"/>; the message names it as <paramref name="named"/> (default: the argument, spelt per front end).</summary>
        private void Invalid(SpecElement element, string name, string argument, string constraint, object received, string? named = null) =>
            _context.Report(DiagnosticCatalogue.InvalidValue, element.LocationOf(argument), name, named ?? ArgumentSpelling.Name(argument), constraint, received is double d ? Format(d) : received);

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
