namespace DslAe.Torch.Nn;

/// <summary>Max pooling; <see cref="ForwardWithIndices"/> also returns the indices <see cref="MaxUnpool2d"/> needs.</summary>
public sealed class MaxPool2d(long kernel, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false) : Module<Tensor, Tensor>
{
    public long Kernel { get; } = kernel;
    public long Stride { get; } = stride ?? kernel;
    public long Padding { get; } = padding;
    public long Dilation { get; } = dilation;
    public bool CeilMode { get; } = ceilMode;

    public override Tensor Forward(Tensor input) => Functional.MaxPool2d(input, Kernel, Stride, Padding, Dilation, CeilMode);

    public (Tensor Output, Tensor Indices) ForwardWithIndices(Tensor input) =>
        Functional.MaxPool2dWithIndices(input, Kernel, Stride, Padding, Dilation, CeilMode);
}

/// <summary>Inverse of max pooling: values go back to the positions the pooling indices name, zeros elsewhere.</summary>
public sealed class MaxUnpool2d(long kernel, long? stride = null, long padding = 0) : Module
{
    public long Kernel { get; } = kernel;
    public long Stride { get; } = stride ?? kernel;
    public long Padding { get; } = padding;

    /// <summary>
    /// Pass <paramref name="outputSize"/> (the pooled input's H, W) when it was odd: the default
    /// (in − 1)·stride − 2·padding + kernel cannot recover it.
    /// </summary>
    public Tensor Forward(Tensor input, Tensor indices, (long H, long W)? outputSize = null) =>
        outputSize is { } size
            ? Functional.MaxUnpool2d(input, indices, size)
            : Functional.MaxUnpool2d(input, indices, Kernel, Stride, Padding);
}

public sealed class AvgPool2d(long kernel, long? stride = null, long padding = 0, bool ceilMode = false, bool countIncludePad = true) : Module<Tensor, Tensor>
{
    public long Kernel { get; } = kernel;
    public long Stride { get; } = stride ?? kernel;
    public long Padding { get; } = padding;
    public bool CeilMode { get; } = ceilMode;
    public bool CountIncludePad { get; } = countIncludePad;

    public override Tensor Forward(Tensor input) => Functional.AvgPool2d(input, Kernel, Stride, Padding, CeilMode, CountIncludePad);
}

public sealed class AdaptiveAvgPool2d(long outputH, long outputW) : Module<Tensor, Tensor>
{
    public (long H, long W) OutputSize { get; } = (outputH, outputW);

    public override Tensor Forward(Tensor input) => Functional.AdaptiveAvgPool2d(input, OutputSize);
}
