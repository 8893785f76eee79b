namespace DslAe;

/// <summary>Max pooling; with <see cref="KeepIndices"/> a later <see cref="UnpoolAttribute"/> can invert it.</summary>
public sealed class MaxPoolAttribute(int kernel) : StageAttribute
{
    public int Kernel { get; } = kernel;
    /// <summary>Defaults to the kernel size.</summary>
    public int Stride { get; set; }
    public int Padding { get; set; }
    public int Dilation { get; set; }
    public bool CeilMode { get; set; }
    public bool KeepIndices { get; set; }
}

/// <summary>Average pooling.</summary>
public sealed class AvgPoolAttribute(int kernel) : StageAttribute
{
    public int Kernel { get; } = kernel;
    /// <summary>Defaults to the kernel size.</summary>
    public int Stride { get; set; }
    public int Padding { get; set; }
    public bool CeilMode { get; set; }
    /// <summary>Count the zero padding in the divisor (libtorch's default: true).</summary>
    public bool CountIncludePad { get; set; }
}

/// <summary>Max unpooling (SegNet) with the indices of the named max-pooling stage; restores its input size.</summary>
public sealed class UnpoolAttribute(string of) : StageAttribute
{
    public string Of { get; } = of;
}
