using System.Collections.Generic;
using System.Linq;

namespace DslAe.Model
{
    /// <summary>
    /// A planned model's compute and activation memory per sample, from the same plan the emitter writes: it walks
    /// the generated forward pass tensor by tensor (a skip merge, a pre-pad, the layer, a crop, the norm, the
    /// activation, dropout) and records what each op creates and what autograd keeps for its backward, following
    /// libtorch's derivatives (convolutions and dense layers keep their input; ReLU, sigmoid, tanh and softmax their
    /// result; the other activations and the norms their input; pooling its input, max pooling its int64 indices too;
    /// dropout its noise tensor (float on the CPU); padding, views, concatenation, addition, resampling and pixel shuffle nothing). A
    /// tensor kept by two ops is counted once. Of the losses, what pixel losses keep (the reconstruction and the
    /// target) is counted, not the internals of pyramid, perceptual, style or adversarial terms. Run only on a plan
    /// without errors.
    /// </summary>
    public static class CostModel
    {
        private const long Float = 4;
        private const long Index = 8;
        // libtorch's CPU dropout multiplies by a float noise tensor, which the product keeps (CUDA's fused kernel keeps
        // a one-byte mask instead).
        private const long Mask = 4;

        /// <summary>The cost of every planned stage and of the loss's target.</summary>
        public static ModelCost Of(ModelPlan plan)
        {
            var tape = new Tape();
            var input = tape.New("", plan.Spec.Input is { } shape ? shape.Features * Float : 0, requiresGrad: false);
            var outputs = new Dictionary<string, int> { [Defaults.InputSkipSource] = input };
            var costs = new List<StageCost>();
            var current = input;
            foreach (var stage in plan.Encoder)
            {
                current = Walk(tape, stage, current, outputs, costs);
            }

            if (plan.Latent is { } latent)
            {
                current = WalkLatent(tape, latent, current, costs);
                outputs[latent.Name] = current;
            }

            foreach (var stage in plan.Decoder)
            {
                current = Walk(tape, stage, current, outputs, costs);
            }

            // Pixel losses keep their input (the reconstruction) and their target: the model's input, or for a
            // denoising model the clean image, a tensor of its own beside the corrupted one the model sees.
            if (plan.Spec.Losses.Count > 0)
            {
                tape.Save(current);
                tape.Save(plan.Spec.Corruption is null ? input : tape.New("", tape.Bytes(input), requiresGrad: false));
            }

            var owned = costs.Select(c => c with { SavedBytes = tape.SavedBytes(c.Stage), ForwardBytes = tape.ForwardBytes(c.Stage) });
            return new ModelCost(owned.ToArray(), tape.SavedBytes(""), tape.AllBytes + 2 * tape.LargestBytes);
        }

        private static int Walk(Tape tape, StagePlan stage, int x, Dictionary<string, int> outputs, List<StageCost> costs)
        {
            var owner = stage.Name;
            long forward = 0, training = 0;
            var output = stage.Output.Features * Float;
            if (stage.Skip is { } skip && outputs.TryGetValue(skip.From, out var source))
            {
                var sourceBytes = skip.SourceShape.Features * Float;
                if (skip.HighPass is { } highPass)
                {
                    // x - interpolate(avg_pool2d(x)): the pool keeps x.
                    tape.Save(source);
                    tape.New(owner, (long)skip.SourceShape.Channels * highPass.PooledHeight * highPass.PooledWidth * Float, tape.RequiresGrad(source));
                    tape.New(owner, sourceBytes, tape.RequiresGrad(source));
                    source = tape.New(owner, sourceBytes, tape.RequiresGrad(source));
                }

                x = tape.New(owner, stage.Input.Features * Float, tape.RequiresGrad(x) || tape.RequiresGrad(source));
            }

            switch (stage.Layer)
            {
                case ConvLowering c:
                    if (c.PrePad is { } pad)
                    {
                        var padded = (long)stage.Input.Channels * (stage.Input.Height + pad.Top + pad.Bottom) * (stage.Input.Width + pad.Left + pad.Right);
                        x = tape.New(owner, padded * Float, tape.RequiresGrad(x));
                    }

                    forward = 2L * c.OutChannels * stage.Output.Height * stage.Output.Width * (c.InChannels / c.Groups) * c.Kernel * c.Kernel;
                    x = Layer(tape, owner, x, forward, output, ref training);
                    break;
                case ConvTransposeLowering t:
                    forward = 2L * t.InChannels * stage.Input.Height * stage.Input.Width * (t.OutChannels / t.Groups) * t.Kernel * t.Kernel;
                    if (t.PostPad is { } crop)
                    {
                        // The layer's own output is larger by what the crop removes (negative padding).
                        var raw = (long)t.OutChannels * (stage.Output.Height - crop.Top - crop.Bottom) * (stage.Output.Width - crop.Left - crop.Right);
                        x = Layer(tape, owner, x, forward, raw * Float, ref training);
                        x = tape.New(owner, output, true);
                    }
                    else
                    {
                        x = Layer(tape, owner, x, forward, output, ref training);
                    }

                    break;
                case DenseLowering d:
                    forward = 2L * d.InFeatures * d.OutFeatures;
                    x = Layer(tape, owner, x, forward, output, ref training);
                    break;
                case MaxPoolLowering p:
                    tape.Save(x);
                    // Autograd's max pool computes the indices even when the model does not keep them.
                    tape.Save(tape.New(owner, stage.Output.Features * Index, false, inForward: p.KeepIndices));
                    x = tape.New(owner, output, tape.RequiresGrad(x));
                    break;
                case AvgPoolLowering:
                    tape.Save(x);
                    x = tape.New(owner, output, tape.RequiresGrad(x));
                    break;
                case FlattenLowering:
                case UnflattenLowering:
                case IdentityLowering:
                    // Views of the same storage.
                    break;
                default:
                    // Unpooling (the pool's indices are already kept), resampling, pixel shuffle: a new tensor, nothing kept.
                    x = tape.New(owner, output, tape.RequiresGrad(x));
                    break;
            }

            if (stage.Norm is not null)
            {
                tape.Save(x);
                x = tape.New(owner, output, true);
            }

            x = Activation(tape, owner, stage.Stage.Activation.Kind, x, output);
            if (stage.Stage.Dropout > 0)
            {
                // Training only: evaluation's dropout is the identity.
                tape.Save(tape.New(owner, stage.Output.Features * Mask, false, inForward: false));
                x = tape.New(owner, output, tape.RequiresGrad(x), inForward: false);
            }

            outputs[stage.Name] = x;
            costs.Add(new StageCost(owner, forward, training, 0, 0));
            return x;
        }

        private static int WalkLatent(Tape tape, LatentPlan latent, int x, List<StageCost> costs)
        {
            var owner = latent.Name;
            long forward = 0, training = 0;
            var code = latent.Code.Features;
            switch (latent.Latent)
            {
                case ConvLatent:
                    forward = 2L * latent.InFeatures * code;
                    x = Layer(tape, owner, x, forward, code * Float, ref training);
                    break;
                case DenseLatent:
                    forward = 2L * latent.InFeatures * code;
                    x = Layer(tape, owner, x, forward, code * Float, ref training);
                    break;
                case VariationalLatent:
                    forward = 2 * (2L * latent.InFeatures * code);
                    var mean = Layer(tape, owner, x, forward / 2, code * Float, ref training);
                    var logVariance = Layer(tape, owner, x, forward / 2, code * Float, ref training);
                    // KL keeps both; sampling (training only): std = exp(0.5 logvar) kept, eps kept by the product.
                    tape.Save(mean);
                    tape.Save(logVariance);
                    tape.New(owner, code * Float, true, inForward: false);
                    tape.Save(tape.New(owner, code * Float, true, inForward: false));
                    tape.Save(tape.New(owner, code * Float, false, inForward: false));
                    tape.New(owner, code * Float, true, inForward: false);
                    x = tape.New(owner, code * Float, true, inForward: false);
                    break;
                default:
                    // Learned codes: the batch's rows of the code table.
                    x = tape.New(owner, code * Float, true);
                    break;
            }

            if (latent.ProjectBackFeatures > 0)
            {
                var back = 2L * code * latent.ProjectBackFeatures;
                forward += back;
                x = Layer(tape, owner, x, back, latent.ProjectBackFeatures * Float, ref training);
            }

            costs.Add(new StageCost(owner, forward, training, 0, 0));
            return x;
        }

        /// <summary>A convolution or dense layer: it keeps its input; backward computes the weights' gradient and, when the input needs one, the input's.</summary>
        private static int Layer(Tape tape, string owner, int x, long flops, long outputBytes, ref long training)
        {
            training += flops * (tape.RequiresGrad(x) ? 3 : 2);
            tape.Save(x);
            return tape.New(owner, outputBytes, true);
        }

        private static int Activation(Tape tape, string owner, ActivationKind kind, int x, long outputBytes)
        {
            switch (kind)
            {
                case ActivationKind.None:
                    return x;
                case ActivationKind.Relu:
                case ActivationKind.Sigmoid:
                case ActivationKind.Tanh:
                case ActivationKind.Softmax:
                    var result = tape.New(owner, outputBytes, tape.RequiresGrad(x));
                    tape.Save(result);
                    return result;
                default:
                    tape.Save(x);
                    return tape.New(owner, outputBytes, tape.RequiresGrad(x));
            }
        }

        /// <summary>The tensors of one forward pass: who created each, its bytes, whether it needs a gradient, and which autograd keeps.</summary>
        private sealed class Tape
        {
            private readonly List<(string Owner, long Bytes, bool RequiresGrad, bool InForward)> _tensors = new();
            private readonly HashSet<int> _saved = new();

            public int New(string owner, long bytes, bool requiresGrad, bool inForward = true)
            {
                _tensors.Add((owner, bytes, requiresGrad, inForward));
                return _tensors.Count - 1;
            }

            public void Save(int tensor) => _saved.Add(tensor);

            public bool RequiresGrad(int tensor) => _tensors[tensor].RequiresGrad;

            public long Bytes(int tensor) => _tensors[tensor].Bytes;

            public long SavedBytes(string owner) => _saved.Where(i => _tensors[i].Owner == owner).Sum(i => _tensors[i].Bytes);

            public long ForwardBytes(string owner) => _tensors.Where(t => t.Owner == owner && t.InForward).Sum(t => t.Bytes);

            /// <summary>Every tensor of a training step's forward pass, the input and target included.</summary>
            public long AllBytes => _tensors.Sum(t => t.Bytes);

            public long LargestBytes => _tensors.Count == 0 ? 0 : _tensors.Max(t => t.Bytes);
        }
    }
}
