using System.Globalization;

namespace DslAe.Metrics;

/// <summary>
/// Metrics of one pass over a data set: the total loss and each declared loss term (unweighted), averaged over
/// samples, and the metrics of the model's target: MSE, PSNR and SSIM of output images against the clean targets
/// (for a paired image also those of the bicubic baseline), the accuracy of class labels, or the pixel accuracy and
/// mean IoU of per-pixel labels. Metrics the target has none of are NaN or null.
/// </summary>
/// <param name="Loss">The declared (weighted) loss, per sample.</param>
/// <param name="Terms">Each loss term's unweighted value by name, per sample.</param>
/// <param name="Mse">Mean squared error per pixel, over all images.</param>
/// <param name="Psnr">PSNR in dB of <paramref name="Mse"/>; infinite for a perfect reconstruction.</param>
/// <param name="Ssim">Mean SSIM of the images.</param>
/// <param name="Samples">Number of samples evaluated.</param>
public sealed record EvaluationMetrics(double Loss, IReadOnlyDictionary<string, double> Terms, double Mse, double Psnr, double Ssim, long Samples)
{
    /// <summary>Class labels: the fraction of images whose highest logit is their class; per-pixel labels: of pixels.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Per-pixel labels: the mean over classes present (in the prediction or the target) of intersection over union.</summary>
    public double? MeanIou { get; init; }

    /// <summary>Paired images: the PSNR in dB of the input's bicubic upsampling, the baseline a model must beat.</summary>
    public double? BicubicPsnr { get; init; }

    /// <summary>Paired images: the SSIM of the input's bicubic upsampling.</summary>
    public double? BicubicSsim { get; init; }

    /// <summary>
    /// Every value by name ("loss", each term as "loss.{name}", then those the target has: "mse", "psnr", "ssim",
    /// "bicubic_psnr", "bicubic_ssim", "accuracy", "mean_iou").
    /// </summary>
    public IEnumerable<KeyValuePair<string, double>> Values()
    {
        yield return new("loss", Loss);
        foreach (var (name, value) in Terms) yield return new($"loss.{name}", value);
        foreach (var metric in MetricValues()) yield return metric;
    }

    /// <summary>The target's metrics by name, without the loss.</summary>
    public IEnumerable<KeyValuePair<string, double>> MetricValues()
    {
        if (!double.IsNaN(Mse))
        {
            yield return new("mse", Mse);
            yield return new("psnr", Psnr);
            yield return new("ssim", Ssim);
        }
        if (BicubicPsnr is { } bicubicPsnr) yield return new("bicubic_psnr", bicubicPsnr);
        if (BicubicSsim is { } bicubicSsim) yield return new("bicubic_ssim", bicubicSsim);
        if (Accuracy is { } accuracy) yield return new("accuracy", accuracy);
        if (MeanIou is { } meanIou) yield return new("mean_iou", meanIou);
    }

    /// <summary>
    /// The target's metrics in words, invariant culture: "MSE 0.01200  PSNR 19.21 dB  SSIM 0.7000", with "(bicubic
    /// PSNR 22.10 dB  SSIM 0.8100)" for paired images, "accuracy 84.20%", or "pixel accuracy 93.10%  mean IoU 0.6400".
    /// </summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (!double.IsNaN(Mse)) parts.Add(string.Create(CultureInfo.InvariantCulture, $"MSE {Mse:0.00000}  PSNR {Psnr:0.00} dB  SSIM {Ssim:0.0000}"));
        if (BicubicPsnr is { } bp && BicubicSsim is { } bs) parts.Add(string.Create(CultureInfo.InvariantCulture, $"(bicubic PSNR {bp:0.00} dB  SSIM {bs:0.0000})"));
        if (Accuracy is { } a) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{(MeanIou is null ? "accuracy" : "pixel accuracy")} {a:0.00%}"));
        if (MeanIou is { } iou) parts.Add(string.Create(CultureInfo.InvariantCulture, $"mean IoU {iou:0.0000}"));
        return string.Join("  ", parts);
    }

    /// <summary>One line for logs: the loss and <see cref="Describe"/>, in invariant culture.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"loss {Loss:0.00000}  {Describe()}").TrimEnd();
}

/// <summary>Sums batch results weighted by batch size, so the means are per sample whatever the batching.</summary>
public sealed class MetricAccumulator
{
    private readonly Dictionary<string, double> termSums = [];
    private readonly List<string> termOrder = [];
    private double lossSum, squaredErrorSum, ssimSum, bicubicSquaredErrorSum, bicubicSsimSum;
    private long samples, ssimSamples, bicubicSamples, correct, predictions;
    private long[]? intersections, unions;

    /// <summary>Samples added so far through <see cref="AddLoss"/>.</summary>
    public long Samples => samples;

    /// <summary>Adds one batch's total loss and unweighted terms, each weighted by <paramref name="batchSize"/>.</summary>
    public void AddLoss(double loss, IEnumerable<KeyValuePair<string, double>> terms, long batchSize)
    {
        lossSum += loss * batchSize;
        foreach (var (name, value) in terms)
        {
            if (!termSums.ContainsKey(name)) termOrder.Add(name);
            termSums[name] = termSums.GetValueOrDefault(name) + value * batchSize;
        }
        samples += batchSize;
    }

    /// <summary>Adds per-image MSE and SSIM values of one batch.</summary>
    public void AddImages(ReadOnlySpan<float> msePerImage, ReadOnlySpan<float> ssimPerImage)
    {
        foreach (var v in msePerImage) squaredErrorSum += v;
        foreach (var v in ssimPerImage) ssimSum += v;
        ssimSamples += msePerImage.Length;
    }

    /// <summary>Adds per-image MSE and SSIM values of one batch's bicubic baseline.</summary>
    public void AddBaseline(ReadOnlySpan<float> msePerImage, ReadOnlySpan<float> ssimPerImage)
    {
        foreach (var v in msePerImage) bicubicSquaredErrorSum += v;
        foreach (var v in ssimPerImage) bicubicSsimSum += v;
        bicubicSamples += msePerImage.Length;
    }

    /// <summary>Adds class predictions: how many of <paramref name="count"/> (images or pixels) were right.</summary>
    public void AddPredictions(long right, long count)
    {
        correct += right;
        predictions += count;
    }

    /// <summary>Adds one batch's per-class pixel counts of intersection and union of prediction and target.</summary>
    public void AddOverlap(ReadOnlySpan<long> intersection, ReadOnlySpan<long> union)
    {
        intersections ??= new long[intersection.Length];
        unions ??= new long[union.Length];
        for (var k = 0; k < intersection.Length; k++)
        {
            intersections[k] += intersection[k];
            unions[k] += union[k];
        }
    }

    /// <summary>The per-sample means of everything added; fails when nothing was added.</summary>
    public EvaluationMetrics Result()
    {
        if (samples == 0) throw new InvalidOperationException("no batches were evaluated: the data set is empty");
        var mse = ssimSamples == 0 ? double.NaN : squaredErrorSum / ssimSamples;
        return new EvaluationMetrics(
            lossSum / samples,
            termOrder.ToDictionary(n => n, n => termSums[n] / samples),
            mse,
            ImageMetrics.Psnr(mse),
            ssimSamples == 0 ? double.NaN : ssimSum / ssimSamples,
            samples)
        {
            BicubicPsnr = bicubicSamples == 0 ? null : ImageMetrics.Psnr(bicubicSquaredErrorSum / bicubicSamples),
            BicubicSsim = bicubicSamples == 0 ? null : bicubicSsimSum / bicubicSamples,
            Accuracy = predictions == 0 ? null : (double)correct / predictions,
            MeanIou = MeanIntersectionOverUnion(),
        };
    }

    // Classes that appear in neither prediction nor target have no IoU (0/0) and are left out of the mean.
    private double? MeanIntersectionOverUnion()
    {
        if (intersections is null || unions is null) return null;
        var present = Enumerable.Range(0, unions.Length).Where(k => unions[k] > 0).ToList();
        return present.Count == 0 ? null : present.Average(k => (double)intersections[k] / unions[k]);
    }
}
