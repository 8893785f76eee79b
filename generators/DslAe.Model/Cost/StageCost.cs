namespace DslAe.Model
{
    /// <summary>
    /// What one stage costs per sample, known at compile time from its plan (<see cref="CostModel"/>).
    /// </summary>
    /// <param name="Stage">The stage's name (the latent's for the code layers).</param>
    /// <param name="ForwardFlops">
    /// Floating-point operations of the forward pass: 2 per multiply-add of convolutions, transposed convolutions and
    /// dense layers, as PyTorch's FLOP counters count them (bias, activation, norm, pooling and resampling
    /// element-wise work is not counted).
    /// </param>
    /// <param name="TrainingFlops">The same for a training step: forward, the weights' gradients and the input's gradient (none for a layer that reads the model's input).</param>
    /// <param name="SavedBytes">Bytes of the tensors this stage creates that autograd keeps for the backward pass (float32; max-pool indices int64; dropout's noise float, as libtorch's CPU dropout keeps it).</param>
    /// <param name="ForwardBytes">Bytes of every tensor this stage creates in a forward pass (the generated forward holds them until it returns).</param>
    public sealed record StageCost(string Stage, long ForwardFlops, long TrainingFlops, long SavedBytes, long ForwardBytes);
}
