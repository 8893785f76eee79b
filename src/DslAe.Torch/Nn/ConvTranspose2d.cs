namespace DslAe.Torch.Nn;

/// <summary>
/// 2-D transposed convolution; weight (in, out/groups, kH, kW) — the shape of the Conv2d(out → in)
/// it mirrors, so a decoder can tie to an encoder's <see cref="Conv2d.Weight"/>.
/// </summary>
public sealed class ConvTranspose2d : WeightedModule
{
    public ConvTranspose2d(long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0, long outputPadding = 0, long dilation = 1, long groups = 1, bool bias = true)
        : this(inChannels, outChannels, (kernel, kernel), (stride, stride), (padding, padding), (outputPadding, outputPadding), (dilation, dilation), groups, bias) { }

    public ConvTranspose2d(long inChannels, long outChannels, (long H, long W) kernel, (long H, long W) stride, (long H, long W) padding, (long H, long W) outputPadding, (long H, long W) dilation, long groups = 1, bool bias = true)
    {
        if (inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"in_channels {inChannels} and out_channels {outChannels} must both be divisible by groups {groups}");
        (Stride, Padding, OutputPadding, Dilation, Groups) = (stride, padding, outputPadding, dilation, groups);
        // PyTorch computes fan_in from weight.size(1) (= out/groups) for transposed convolutions.
        var fanIn = outChannels / groups * kernel.H * kernel.W;
        InitializeParameters([inChannels, outChannels / groups, kernel.H, kernel.W], outChannels, fanIn, bias);
    }

    public (long H, long W) Stride { get; }
    public (long H, long W) Padding { get; }
    public (long H, long W) OutputPadding { get; }
    public (long H, long W) Dilation { get; }
    public long Groups { get; }

    public override Tensor Forward(Tensor input) =>
        Functional.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation);
}
