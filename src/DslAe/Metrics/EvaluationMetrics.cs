using System.Globalization;

namespace DslAe.Metrics;

/// <summary>
/// Metrics of one pass over a data set: the total loss and each declared loss term (unweighted), averaged over
/// samples, and the image metrics MSE, PSNR and SSIM of the reconstructions against the clean targets.
/// </summary>
/// <param name="Loss">The declared (weighted) loss, per sample.</param>
/// <param name="Terms">Each loss term's unweighted value by name, per sample.</param>
/// <param name="Mse">Mean squared error per pixel, over all images.</param>
/// <param name="Psnr">PSNR in dB of <paramref name="Mse"/>; infinite for a perfect reconstruction.</param>
/// <param name="Ssim">Mean SSIM of the images.</param>
/// <param name="Samples">Number of samples evaluated.</param>
public sealed record EvaluationMetrics(double Loss, IReadOnlyDictionary<string, double> Terms, double Mse, double Psnr, double Ssim, long Samples)
{
    /// <summary>Every value by name ("loss", each term as "loss.{name}", "mse", "psnr", "ssim").</summary>
    public IEnumerable<KeyValuePair<string, double>> Values()
    {
        yield return new("loss", Loss);
        foreach (var (name, value) in Terms) yield return new($"loss.{name}", value);
        yield return new("mse", Mse);
        yield return new("psnr", Psnr);
        yield return new("ssim", Ssim);
    }

    /// <summary>One line for logs: loss, MSE, PSNR and SSIM, in invariant culture.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"loss {Loss:0.00000}  MSE {Mse:0.00000}  PSNR {Psnr:0.00} dB  SSIM {Ssim:0.0000}");
}

/// <summary>Sums batch results weighted by batch size, so the means are per sample whatever the batching.</summary>
public sealed class MetricAccumulator
{
    private readonly Dictionary<string, double> termSums = [];
    private readonly List<string> termOrder = [];
    private double lossSum, squaredErrorSum, ssimSum;
    private long samples, ssimSamples;

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
            samples);
    }
}
