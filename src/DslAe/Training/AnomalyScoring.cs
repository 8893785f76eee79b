using DslAe.Data;
using DslAe.Metrics;
using static TorchSharp.torch;

namespace DslAe.Training;

/// <summary>One image's anomaly scores: how badly the model reconstructs it.</summary>
/// <param name="Mse">Mean squared error of the reconstruction.</param>
/// <param name="SsimError">1 − SSIM of the reconstruction: structure lost rather than intensity.</param>
public readonly record struct AnomalyScore(double Mse, double SsimError);

/// <summary>
/// Reconstruction-error anomaly scores: a model trained on normal images reconstructs them well and anything else
/// worse. The scores are those of the clean images (no corruption), in evaluation mode.
/// </summary>
public static class AnomalyScoring
{
    /// <summary>Scores every image of <paramref name="data"/> in order, <paramref name="batchSize"/> at a time.</summary>
    public static IReadOnlyList<AnomalyScore> Score(AutoencoderModule module, ImageDataset data, Device device, int batchSize = Evaluator.DefaultBatchSize)
    {
        var scores = new List<AnomalyScore>((int)data.Count);
        using var evaluation = new EvaluationMode(module);
        for (long start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var clean = data.Slice(start, Math.Min(batchSize, data.Count - start)).to(device);
            var output = module.Run(clean).Output;
            var mse = ImageMetrics.MsePerImage(output, clean).cpu().data<float>().ToArray();
            var ssim = ImageMetrics.SsimPerImage(output, clean).cpu().data<float>().ToArray();
            for (var i = 0; i < mse.Length; i++) scores.Add(new AnomalyScore(mse[i], 1 - ssim[i]));
        }
        return scores;
    }
}
