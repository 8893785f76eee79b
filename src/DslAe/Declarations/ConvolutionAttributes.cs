namespace DslAe;

/// <summary>2-D convolution with <paramref name="outChannels"/> output channels.</summary>
public sealed class ConvAttribute(int outChannels) : StageAttribute
{
    public int OutChannels { get; } = outChannels;
    public int Kernel { get; set; }
    public int Stride { get; set; }
    /// <summary><see cref="DslAe.Pad.Same"/> (default) or <see cref="DslAe.Pad.Valid"/>.</summary>
    public Pad Pad { get; set; }
    /// <summary>Explicit symmetric padding in pixels; overrides <see cref="Pad"/>.</summary>
    public int Padding { get; set; }
    public int Dilation { get; set; }
    public int Groups { get; set; }
    public bool Bias { get; set; }
}

/// <summary>2-D transposed convolution with <paramref name="outChannels"/> output channels.</summary>
public sealed class ConvTAttribute(int outChannels) : StageAttribute
{
    public int OutChannels { get; } = outChannels;
    public int Kernel { get; set; }
    public int Stride { get; set; }
    /// <summary><see cref="DslAe.Pad.Same"/> (default: out = in x stride) or <see cref="DslAe.Pad.Valid"/>.</summary>
    public Pad Pad { get; set; }
    /// <summary>Explicit padding in pixels (PyTorch's meaning); overrides <see cref="Pad"/>.</summary>
    public int Padding { get; set; }
    /// <summary>Extra rows/columns on one side; picks among input sizes that map to one output size.</summary>
    public int OutputPadding { get; set; }
    public int Dilation { get; set; }
    public int Groups { get; set; }
    public bool Bias { get; set; }
    /// <summary>Use the transpose of this encoder convolution's weight instead of a weight of its own.</summary>
    public string? TiedTo { get; set; }
}
