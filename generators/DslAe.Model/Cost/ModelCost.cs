using System.Linq;

namespace DslAe.Model
{
    /// <summary>A model's cost per sample: each stage's, in execution order, and the totals (<see cref="CostModel"/>).</summary>
    /// <param name="Stages">Encoder stages, the latent's code layers, decoder stages.</param>
    /// <param name="InputSavedBytes">The model input's bytes when autograd keeps it (a pixel loss's target, a first layer's input); 0 otherwise.</param>
    /// <param name="StepBytes">
    /// Bytes per sample a training step holds at its peak: every tensor its forward pass creates (training-only ones,
    /// such as dropout masks, included; the step's dispose scope holds them all until it ends), the input and target,
    /// and twice the largest tensor for the backward pass's gradients.
    /// </param>
    public sealed record ModelCost(EquatableArray<StageCost> Stages, long InputSavedBytes, long StepBytes)
    {
        /// <summary>
        /// Bytes of a training step at <paramref name="batch"/>: <see cref="StepBytes"/> per sample, plus the weights,
        /// their gradients and the optimiser's per-weight state (<see cref="OptimizerStates"/>), float32.
        /// </summary>
        public long TrainingBytes(long parameters, OptimizerSpec optimizer, long batch) => FixedTrainingBytes(parameters, optimizer) + batch * StepBytes;

        /// <summary>What does not grow with the batch: weights, gradients and optimiser state.</summary>
        public static long FixedTrainingBytes(long parameters, OptimizerSpec optimizer) => parameters * 4 * (2 + OptimizerStates(optimizer));

        /// <summary>Tensors the optimiser keeps per weight: Adam's two moments, SGD's momentum buffer when it has momentum.</summary>
        public static int OptimizerStates(OptimizerSpec optimizer) => optimizer.Kind switch
        {
            OptimizerKind.Adam or OptimizerKind.AdamW => 2,
            _ => optimizer.Momentum > 0 ? 1 : 0,
        };

        /// <summary>Forward FLOPs of one sample.</summary>
        public long ForwardFlops => Stages.Sum(s => s.ForwardFlops);

        /// <summary>Training-step FLOPs of one sample (forward and backward).</summary>
        public long TrainingFlops => Stages.Sum(s => s.TrainingFlops);

        /// <summary>Bytes per sample that autograd keeps between the forward and the backward pass of a training step.</summary>
        public long SavedBytes => Stages.Sum(s => s.SavedBytes) + InputSavedBytes;

        /// <summary>Bytes per sample of every intermediate tensor of one forward pass.</summary>
        public long ForwardBytes => Stages.Sum(s => s.ForwardBytes);

        /// <summary>The cost of a stage by name; null when it has none (its plan is missing).</summary>
        public StageCost? Of(string stage) => Stages.FirstOrDefault(s => s.Stage == stage);
    }
}
