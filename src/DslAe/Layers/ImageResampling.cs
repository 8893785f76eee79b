using static TorchSharp.torch;

namespace DslAe;

/// <summary>
/// The two resamplings of super-resolution, in one place so that training, the residual output and the baseline use
/// the same arithmetic: <see cref="Downscale"/> makes a low-resolution input from a data set's image, and
/// <see cref="Upscale"/> is both the residual's base and the bicubic baseline a model is measured against.
/// </summary>
public static class ImageResampling
{
    /// <summary>
    /// [N, C, H, W] to [N, C, H/<paramref name="scale"/>, W/<paramref name="scale"/>] by area averaging (the mean of each
    /// scale x scale block: an anti-aliased downscale, PIL's BOX filter); H and W must be multiples of the scale.
    /// </summary>
    public static Tensor Downscale(Tensor images, long scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        if (scale == 1) return images.alias();
        if (images.shape[2] % scale != 0 || images.shape[3] % scale != 0)
            throw new ArgumentException($"images of {images.shape[2]}x{images.shape[3]} cannot be downscaled by {scale}: height and width must be multiples of it", nameof(images));
        return nn.functional.avg_pool2d(images, [scale, scale]);
    }

    /// <summary>
    /// [N, C, H, W] to [N, C, H·<paramref name="scale"/>, W·<paramref name="scale"/>] by bicubic interpolation (PyTorch's
    /// <c>interpolate(mode="bicubic", align_corners=False)</c>); values may overshoot [0, 1] slightly, as bicubic does.
    /// </summary>
    public static Tensor Upscale(Tensor images, long scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        if (scale == 1) return images.alias();
        return nn.functional.interpolate(images, [images.shape[2] * scale, images.shape[3] * scale], mode: InterpolationMode.Bicubic, align_corners: false);
    }
}
