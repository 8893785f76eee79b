namespace DslAe.Torch.Nn;

/// <summary>A layer with a weight and an optional bias (Conv2d, ConvTranspose2d, Linear), initialised as PyTorch does.</summary>
public abstract class WeightedModule : Module<Tensor, Tensor>
{
    private Tensor weight = null!;

    /// <summary>Creates weight and bias as U(−1/√fan_in, 1/√fan_in) (kaiming_uniform_ with a = √5, PyTorch's default).</summary>
    protected void InitializeParameters(long[] weightShape, long biasLength, long fanIn, bool bias)
    {
        Weight = Init.Uniform(weightShape, fanIn);
        if (bias) Bias = RegisterParameter("bias", Init.Uniform([biasLength], fanIn));
    }

    /// <summary>The weight; assign another layer's weight to tie the two (both then train one tensor).</summary>
    public Tensor Weight
    {
        get => weight;
        set => weight = RegisterParameter("weight", value);
    }

    public Tensor? Bias { get; private set; }
}
