namespace DslAe.Torch.Nn;

/// <summary>PyTorch's default initialisation of weighted layers.</summary>
internal static class Init
{
    /// <summary>
    /// Conv/Linear default: kaiming_uniform_(a=√5) for the weight, which is U(−1/√fan_in, 1/√fan_in),
    /// and the same bound for the bias.
    /// </summary>
    public static Tensor Uniform(long[] shape, long fanIn)
    {
        var bound = fanIn > 0 ? 1.0 / Math.Sqrt(fanIn) : 0;
        return Torch.Empty(shape).Uniform_(-bound, bound);
    }
}
