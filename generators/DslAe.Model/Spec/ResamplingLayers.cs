namespace DslAe.Model
{
    /// <summary>Interpolation of <see cref="UpsampleLayer"/> (libtorch <c>interpolate</c> modes).</summary>
    public enum UpsampleMode
    {
        /// <summary>Nearest neighbour.</summary>
        Nearest,

        /// <summary>Bilinear.</summary>
        Bilinear,

        /// <summary>Bicubic.</summary>
        Bicubic,
    }

    /// <summary>An explicit output height and width.</summary>
    /// <param name="Height">Rows.</param>
    /// <param name="Width">Columns.</param>
    public readonly record struct SpatialSize(int Height, int Width);

    /// <summary>
    /// Interpolation to a larger (or smaller) size; give exactly one of <see cref="Scale"/> and
    /// <see cref="Size"/>. A scale gives floor(in · scale), as libtorch computes it.
    /// </summary>
    /// <param name="Mode">Interpolation mode.</param>
    public sealed record UpsampleLayer(UpsampleMode Mode) : LayerSpec
    {
        /// <summary>Scale factor for height and width.</summary>
        public double? Scale { get; init; }

        /// <summary>Explicit output size.</summary>
        public SpatialSize? Size { get; init; }

        /// <summary>libtorch's align_corners for bilinear and bicubic (ignored for nearest).</summary>
        public bool AlignCorners { get; init; }

        /// <inheritdoc />
        public override string KindName => "Upsample";
    }

    /// <summary>Sub-pixel convolution's rearrangement (libtorch <c>pixel_shuffle</c>): C·r² x H x W to C x H·r x W·r.</summary>
    /// <param name="Factor">Upscale factor r; the channels in must be divisible by r².</param>
    public sealed record PixelShuffleLayer(int Factor) : LayerSpec
    {
        /// <inheritdoc />
        public override string KindName => "PixelShuffle";
    }

    /// <summary>
    /// Fixed unpooling (Dosovitskiy et al.): each value goes to the top-left corner of a Factor x Factor block of
    /// zeros, C x H x W to C x H·f x W·f. The inverse of max pooling when the maxima are assumed at a fixed position:
    /// no indices needed, no parameters.
    /// </summary>
    /// <param name="Factor">The block size f (at least 1).</param>
    public sealed record ZeroUnpoolLayer(int Factor) : LayerSpec
    {
        /// <inheritdoc />
        public override string KindName => "ZeroUnpool";
    }
}
