namespace DslAe;

/// <summary>Interpolation upsampling by <see cref="Scale"/>, or to an explicit <see cref="Height"/> x <see cref="Width"/>.</summary>
public sealed class UpsampleAttribute(Interpolation mode) : StageAttribute
{
    public Interpolation Mode { get; } = mode;
    public double Scale { get; set; }
    /// <summary>libtorch's align_corners for bilinear and bicubic.</summary>
    public bool AlignCorners { get; set; }
    public int Height { get; set; }
    public int Width { get; set; }
}

/// <summary>Sub-pixel convolution's rearrangement: C·r² x H x W becomes C x rH x rW.</summary>
public sealed class PixelShuffleAttribute(int factor) : StageAttribute
{
    public int Factor { get; } = factor;
}
