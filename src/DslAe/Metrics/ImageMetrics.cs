using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DslAe.Metrics;

/// <summary>
/// Reconstruction quality for images with values in [0, 1] (data range 1).
/// <list type="bullet">
/// <item>MSE: mean squared error over every pixel.</item>
/// <item>PSNR = 10·log10(1 / MSE), from the MSE of the whole set (torchmetrics' default reduction), in dB.</item>
/// <item>SSIM (Wang, Bovik, Sheikh, Simoncelli 2004): 11x11 Gaussian window with σ = 1.5, C1 = 0.01², C2 = 0.03²,
/// population (biased) variances, no padding (the "valid" map), averaged over the map and the channels of each
/// image — the settings of the paper's reference code, skimage's <c>gaussian_weights=True</c> and pytorch_msssim.</item>
/// </list>
/// </summary>
public static class ImageMetrics
{
    /// <summary>Side of SSIM's square Gaussian window, in pixels.</summary>
    public const int SsimWindow = 11;
    /// <summary>Standard deviation of SSIM's Gaussian window, in pixels.</summary>
    public const double SsimSigma = 1.5;
    /// <summary>SSIM's stabilising constant C1 = (0.01·L)² for data range L = 1.</summary>
    public const double SsimC1 = 0.01 * 0.01;
    /// <summary>SSIM's stabilising constant C2 = (0.03·L)² for data range L = 1.</summary>
    public const double SsimC2 = 0.03 * 0.03;

    /// <summary>Mean squared error of each image, [N].</summary>
    public static Tensor MsePerImage(Tensor output, Tensor target)
    {
        using var scope = NewDisposeScope();
        return (output - target).square().flatten(1).mean([1]).MoveToOuterDisposeScope();
    }

    /// <summary>PSNR in dB of a mean squared error for data in [0, 1]; infinite for a perfect reconstruction.</summary>
    public static double Psnr(double mse) => mse <= 0 ? double.PositiveInfinity : 10 * Math.Log10(1 / mse);

    /// <summary>SSIM of each image pair, [N]. Images smaller than the 11x11 window are rejected.</summary>
    public static Tensor SsimPerImage(Tensor output, Tensor target)
    {
        if (output.dim() != 4 || !output.shape.SequenceEqual(target.shape))
            throw new ArgumentException($"SSIM needs two [N, C, H, W] tensors of one shape; got [{string.Join(", ", output.shape)}] and [{string.Join(", ", target.shape)}]");
        var channels = output.size(1);
        if (output.size(2) < SsimWindow || output.size(3) < SsimWindow)
            throw new ArgumentException($"SSIM's {SsimWindow}x{SsimWindow} window needs images of at least that size; got {output.size(2)}x{output.size(3)}");
        using var scope = NewDisposeScope();
        var x = output.to(ScalarType.Float32);
        var y = target.to(ScalarType.Float32);
        var window = GaussianWindow(channels, x.device);
        Tensor Blur(Tensor t) => F.conv2d(t, window, groups: channels);
        var muX = Blur(x);
        var muY = Blur(y);
        var muXX = muX * muX;
        var muYY = muY * muY;
        var muXY = muX * muY;
        var varX = Blur(x * x) - muXX;
        var varY = Blur(y * y) - muYY;
        var covXY = Blur(x * y) - muXY;
        var map = (2 * muXY + SsimC1) * (2 * covXY + SsimC2) / ((muXX + muYY + SsimC1) * (varX + varY + SsimC2));
        return map.flatten(1).mean([1]).MoveToOuterDisposeScope();
    }

    /// <summary>The normalised 2-D Gaussian, one copy per channel for a depthwise convolution: [C, 1, 11, 11].</summary>
    private static Tensor GaussianWindow(long channels, Device device)
    {
        var g = new float[SsimWindow];
        double sum = 0;
        for (var i = 0; i < SsimWindow; i++) sum += Math.Exp(-Math.Pow(i - SsimWindow / 2, 2) / (2 * SsimSigma * SsimSigma));
        for (var i = 0; i < SsimWindow; i++) g[i] = (float)(Math.Exp(-Math.Pow(i - SsimWindow / 2, 2) / (2 * SsimSigma * SsimSigma)) / sum);
        var w = new float[channels * SsimWindow * SsimWindow];
        for (var c = 0; c < channels; c++)
            for (var i = 0; i < SsimWindow; i++)
                for (var j = 0; j < SsimWindow; j++)
                    w[(c * SsimWindow + i) * SsimWindow + j] = g[i] * g[j];
        return tensor(w, [channels, 1, SsimWindow, SsimWindow], device: device);
    }
}
