namespace DslAe.Torch.Nn;

/// <summary>2-D convolution; weight (out, in/groups, kH, kW).</summary>
public sealed class Conv2d : WeightedModule
{
    public Conv2d(long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true)
        : this(inChannels, outChannels, (kernel, kernel), (stride, stride), (padding, padding), (dilation, dilation), groups, bias) { }

    public Conv2d(long inChannels, long outChannels, (long H, long W) kernel, (long H, long W) stride, (long H, long W) padding, (long H, long W) dilation, long groups = 1, bool bias = true)
    {
        if (inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"in_channels {inChannels} and out_channels {outChannels} must both be divisible by groups {groups}");
        (Stride, Padding, Dilation, Groups) = (stride, padding, dilation, groups);
        var fanIn = inChannels / groups * kernel.H * kernel.W;
        InitializeParameters([outChannels, inChannels / groups, kernel.H, kernel.W], outChannels, fanIn, bias);
    }

    public (long H, long W) Stride { get; }
    public (long H, long W) Padding { get; }
    public (long H, long W) Dilation { get; }
    public long Groups { get; }

    public override Tensor Forward(Tensor input) => Functional.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
}
