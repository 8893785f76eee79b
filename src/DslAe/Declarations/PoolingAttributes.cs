namespace DslAe;

/// <summary>Max pooling; with <see cref="KeepIndices"/> a later <see cref="UnpoolAttribute"/> can invert it.</summary>
/// <param name="kernel">Window size.</param>
public sealed class MaxPoolAttribute(int kernel) : StageAttribute
{
    /// <summary>Window size.</summary>
    public int Kernel { get; } = kernel;
    /// <summary>Defaults to the kernel size.</summary>
    public int Stride { get; set; }
    /// <summary>Zero padding in pixels; default 0, at most half the kernel (DSLAE024).</summary>
    public int Padding { get; set; }
    /// <summary>Dilation; default 1.</summary>
    public int Dilation { get; set; }
    /// <summary>Round the output size up instead of down; default false.</summary>
    public bool CeilMode { get; set; }
    /// <summary>Keep the argmax indices so an <see cref="UnpoolAttribute"/> can invert this stage (DSLAE009); default false.</summary>
    public bool KeepIndices { get; set; }
}

/// <summary>Average pooling.</summary>
/// <param name="kernel">Window size.</param>
public sealed class AvgPoolAttribute(int kernel) : StageAttribute
{
    /// <summary>Window size.</summary>
    public int Kernel { get; } = kernel;
    /// <summary>Defaults to the kernel size.</summary>
    public int Stride { get; set; }
    /// <summary>Zero padding in pixels; default 0, at most half the kernel.</summary>
    public int Padding { get; set; }
    /// <summary>Round the output size up instead of down; default false.</summary>
    public bool CeilMode { get; set; }
    /// <summary>Count the zero padding in the divisor (libtorch's default: true).</summary>
    public bool CountIncludePad { get; set; }
}

/// <summary>Max unpooling (SegNet) with the indices of the named max-pooling stage; restores its input size.</summary>
/// <param name="of">The earlier <see cref="MaxPoolAttribute"/> stage with <see cref="MaxPoolAttribute.KeepIndices"/> (use <c>nameof</c>; DSLAE008, DSLAE029).</param>
public sealed class UnpoolAttribute(string of) : StageAttribute
{
    /// <summary>The max-pooling stage whose indices place the values.</summary>
    public string Of { get; } = of;
}
