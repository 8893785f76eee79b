namespace DslAe.Torch.Nn;

/// <summary>Interpolating upsampling (nn.Upsample) by a fixed output size or a scale factor.</summary>
public sealed class Upsample : Module<Tensor, Tensor>
{
    public Upsample(double scaleFactor, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false) =>
        (ScaleFactor, Mode, AlignCorners) = (scaleFactor, mode, alignCorners);

    public Upsample((long H, long W) size, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false) =>
        (Size, Mode, AlignCorners) = (size, mode, alignCorners);

    public double? ScaleFactor { get; }
    public (long H, long W)? Size { get; }
    public InterpolationMode Mode { get; }
    public bool AlignCorners { get; }

    public override Tensor Forward(Tensor input) =>
        Size is { } size
            ? Functional.Interpolate(input, size, Mode, AlignCorners)
            : Functional.Interpolate(input, ScaleFactor!.Value, Mode, AlignCorners);
}

/// <summary>(N, C·r², H, W) → (N, C, H·r, W·r), the sub-pixel convolution's rearrangement.</summary>
public sealed class PixelShuffle(long upscaleFactor) : Module<Tensor, Tensor>
{
    public long UpscaleFactor { get; } = upscaleFactor;

    public override Tensor Forward(Tensor input) => Functional.PixelShuffle(input, UpscaleFactor);
}
