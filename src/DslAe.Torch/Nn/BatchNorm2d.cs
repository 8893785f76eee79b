namespace DslAe.Torch.Nn;

/// <summary>
/// Batch normalisation over (N, C, H, W). Training normalises with batch statistics and updates the
/// running ones (buffers running_mean, running_var, num_batches_tracked, as PyTorch's state dict has);
/// evaluation uses the running statistics.
/// </summary>
public sealed class BatchNorm2d : Module<Tensor, Tensor>
{
    public BatchNorm2d(long numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    {
        (Eps, Momentum) = (eps, momentum);
        if (affine)
        {
            Weight = RegisterParameter("weight", Torch.Ones([numFeatures]));
            Bias = RegisterParameter("bias", Torch.Zeros([numFeatures]));
        }
        RunningMean = RegisterBuffer("running_mean", Torch.Zeros([numFeatures]));
        RunningVar = RegisterBuffer("running_var", Torch.Ones([numFeatures]));
        NumBatchesTracked = RegisterBuffer("num_batches_tracked", Torch.Zeros([], ScalarType.Int64));
    }

    public double Eps { get; }
    public double Momentum { get; }
    public Tensor? Weight { get; }
    public Tensor? Bias { get; }
    public Tensor RunningMean { get; }
    public Tensor RunningVar { get; }
    public Tensor NumBatchesTracked { get; }

    public override Tensor Forward(Tensor input)
    {
        if (input.Dim != 4) throw new ArgumentException($"BatchNorm2d expects a 4-D (N, C, H, W) input, got shape {Tensor.FormatShape(input.Shape)}");
        if (IsTraining) NumBatchesTracked.Add_(1);
        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, IsTraining, Momentum, Eps);
    }
}
