using static TorchSharp.torch;

namespace DslAe.Metrics;

/// <summary>
/// The metrics of a model's target, batch by batch, in one place for training, <c>eval</c> and the report: images are
/// measured by MSE, PSNR and SSIM against their targets (paired images clamped to [0, 1] and measured beside the
/// bicubic upsampling of their input, the baseline); class labels by accuracy; per-pixel labels by pixel accuracy and
/// mean IoU.
/// </summary>
public static class TargetMetrics
{
    /// <summary>Adds one batch's metrics to <paramref name="totals"/>.</summary>
    /// <param name="totals">The running sums.</param>
    /// <param name="target">What the model compares its output with.</param>
    /// <param name="output">The model's output for the batch.</param>
    /// <param name="expected">The batch's targets (the clean images for reconstruction).</param>
    /// <param name="input">The batch's clean inputs (the bicubic baseline upsamples them).</param>
    public static void Add(MetricAccumulator totals, TargetDescription target, Tensor output, Tensor expected, Tensor input)
    {
        using var scope = NewDisposeScope();
        switch (target.Kind)
        {
            case TargetKind.Labels:
            {
                var predicted = output.argmax(1);
                totals.AddPredictions(predicted.eq(expected).sum().item<long>(), expected.numel());
                break;
            }
            case TargetKind.PixelLabels:
            {
                var classes = output.shape[1];
                var predicted = output.argmax(1).flatten();
                var actual = expected.flatten();
                var hits = predicted.eq(actual);
                totals.AddPredictions(hits.sum().item<long>(), actual.numel());
                // Per class: pixels where both say k, and pixels where either does (|P| + |T| - |P and T|).
                var intersection = bincount(actual.masked_select(hits), minlength: classes);
                var union = bincount(predicted, minlength: classes) + bincount(actual, minlength: classes) - intersection;
                totals.AddOverlap(Longs(intersection), Longs(union));
                break;
            }
            case TargetKind.Image:
            {
                var (mse, ssim) = Measure(output.clamp(0, 1), expected);
                totals.AddImages(mse, ssim);
                var (bicubicMse, bicubicSsim) = Measure(ImageResampling.Upscale(input, target.Scale).clamp(0, 1), expected);
                totals.AddBaseline(bicubicMse, bicubicSsim);
                break;
            }
            default:
            {
                var (mse, ssim) = Measure(output, expected);
                totals.AddImages(mse, ssim);
                break;
            }
        }
    }

    /// <summary>Per-image MSE and SSIM of <paramref name="images"/> against <paramref name="expected"/>.</summary>
    private static (float[] Mse, float[] Ssim) Measure(Tensor images, Tensor expected) =>
        (Floats(ImageMetrics.MsePerImage(images, expected)), Floats(ImageMetrics.SsimPerImage(images, expected)));

    private static float[] Floats(Tensor t) => t.cpu().data<float>().ToArray();

    private static long[] Longs(Tensor t) => t.cpu().data<long>().ToArray();
}
