namespace DslAe;

/// <summary>2-D convolution with <paramref name="outChannels"/> output channels.</summary>
/// <param name="outChannels">Output channels.</param>
public sealed class ConvAttribute(int outChannels) : StageAttribute
{
    /// <summary>Output channels.</summary>
    public int OutChannels { get; } = outChannels;
    /// <summary>Square kernel size; default 3.</summary>
    public int Kernel { get; set; }
    /// <summary>Stride; default 1.</summary>
    public int Stride { get; set; }
    /// <summary><see cref="DslAe.Pad.Same"/> (default) or <see cref="DslAe.Pad.Valid"/>.</summary>
    public Pad Pad { get; set; }
    /// <summary>Explicit symmetric padding in pixels; overrides <see cref="Pad"/>.</summary>
    public int Padding { get; set; }
    /// <summary>Dilation; default 1.</summary>
    public int Dilation { get; set; }
    /// <summary>Groups; default 1. Must divide the input and output channels (DSLAE018).</summary>
    public int Groups { get; set; }
    /// <summary>Learn a bias; default true.</summary>
    public bool Bias { get; set; }
}

/// <summary>2-D transposed convolution with <paramref name="outChannels"/> output channels.</summary>
/// <param name="outChannels">Output channels.</param>
public sealed class ConvTAttribute(int outChannels) : StageAttribute
{
    /// <summary>Output channels.</summary>
    public int OutChannels { get; } = outChannels;
    /// <summary>Square kernel size; default 3.</summary>
    public int Kernel { get; set; }
    /// <summary>Stride; default 1.</summary>
    public int Stride { get; set; }
    /// <summary><see cref="DslAe.Pad.Same"/> (default: out = in x stride) or <see cref="DslAe.Pad.Valid"/>.</summary>
    public Pad Pad { get; set; }
    /// <summary>Explicit padding in pixels (PyTorch's meaning); overrides <see cref="Pad"/>.</summary>
    public int Padding { get; set; }
    /// <summary>Extra rows/columns on one side; picks among input sizes that map to one output size.</summary>
    public int OutputPadding { get; set; }
    /// <summary>Dilation; default 1.</summary>
    public int Dilation { get; set; }
    /// <summary>Groups; default 1. Must divide the input and output channels (DSLAE018).</summary>
    public int Groups { get; set; }
    /// <summary>Learn a bias; default true.</summary>
    public bool Bias { get; set; }
    /// <summary>Use the transpose of this encoder convolution's weight instead of a weight of its own.</summary>
    public string? TiedTo { get; set; }
}
