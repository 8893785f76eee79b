namespace DslAe;

/// <summary>Interpolation upsampling by <see cref="Scale"/>, or to an explicit <see cref="Height"/> x <see cref="Width"/>.</summary>
/// <param name="mode">The interpolation.</param>
public sealed class UpsampleAttribute(Interpolation mode) : StageAttribute
{
    /// <summary>The interpolation.</summary>
    public Interpolation Mode { get; } = mode;
    /// <summary>Scale factor: out = floor(in x scale). Give either this or <see cref="Height"/> and <see cref="Width"/> (DSLAE104, DSLAE016).</summary>
    public double Scale { get; set; }
    /// <summary>libtorch's align_corners for bilinear and bicubic.</summary>
    public bool AlignCorners { get; set; }
    /// <summary>Explicit output height, given with <see cref="Width"/> instead of <see cref="Scale"/>.</summary>
    public int Height { get; set; }
    /// <summary>Explicit output width, given with <see cref="Height"/> instead of <see cref="Scale"/>.</summary>
    public int Width { get; set; }
}

/// <summary>Sub-pixel convolution's rearrangement: C·r² x H x W becomes C x rH x rW.</summary>
/// <param name="factor">The factor r; the input channels must be divisible by r² (DSLAE019).</param>
public sealed class PixelShuffleAttribute(int factor) : StageAttribute
{
    /// <summary>The factor r.</summary>
    public int Factor { get; } = factor;
}

/// <summary>
/// Fixed unpooling (Dosovitskiy et al.): each value goes to the top-left corner of a factor x factor block of zeros,
/// C x H x W becomes C x fH x fW; no indices and no parameters (compare <see cref="UnpoolAttribute"/>, which puts each
/// value back where its pool found the maximum).
/// </summary>
/// <param name="factor">The block size f.</param>
public sealed class ZeroUnpoolAttribute(int factor) : StageAttribute
{
    /// <summary>The block size f.</summary>
    public int Factor { get; } = factor;
}
