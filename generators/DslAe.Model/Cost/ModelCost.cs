using System.Linq;

namespace DslAe.Model
{
    /// <summary>A model's cost per sample: each stage's, in execution order, and the totals (<see cref="CostModel"/>).</summary>
    /// <param name="Stages">Encoder stages, the latent's code layers, decoder stages.</param>
    /// <param name="InputSavedBytes">The model input's bytes when autograd keeps it (a pixel loss's target, a first layer's input); 0 otherwise.</param>
    public sealed record ModelCost(EquatableArray<StageCost> Stages, long InputSavedBytes)
    {
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
