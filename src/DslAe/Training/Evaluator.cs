using DslAe.Data;
using DslAe.Metrics;
using static TorchSharp.torch;

namespace DslAe.Training;

/// <summary>
/// One pass over a data set in evaluation mode without gradients: the declared loss and its terms, and
/// MSE/PSNR/SSIM of the reconstructions against the clean images. A denoising model sees corrupted inputs, as in
/// training; libtorch is reseeded per batch so the corruption, and the result, is the same on every call.
/// </summary>
public static class Evaluator
{
    /// <summary>Images per evaluation batch unless the caller chooses otherwise.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>
    /// The metrics of <paramref name="module"/> on the first <paramref name="maxSamples"/> images of
    /// <paramref name="data"/> (all when null), in order, in batches of <paramref name="batchSize"/> on
    /// <paramref name="device"/>. <paramref name="seed"/> fixes the corruption; the module's mode is restored afterwards.
    /// </summary>
    public static EvaluationMetrics Evaluate(AutoencoderModule module, ImageDataset data, Device device, long seed,
                                             int batchSize = DefaultBatchSize, long? maxSamples = null)
    {
        var count = Math.Min(data.Count, maxSamples ?? data.Count);
        using var evaluation = new EvaluationMode(module);
        var totals = new MetricAccumulator();
        var batch = 0;
        for (long start = 0; start < count; start += batchSize, batch++)
        {
            using var scope = NewDisposeScope();
            TrainingDevice.Seed(SeededShuffle.DerivedSeed(seed, batch));
            var length = Math.Min(batchSize, count - start);
            var clean = data.Slice(start, length).to(device);
            var input = module.Corrupt(clean);
            var pass = module.Run(input);
            var loss = module.ComputeLoss(pass, clean);
            totals.AddLoss(loss.Total.item<float>(), loss.Terms.Select(t => new KeyValuePair<string, double>(t.Name, t.Value.item<float>())), length);
            var output = pass.Output;
            totals.AddImages(ImageMetrics.MsePerImage(output, clean).cpu().data<float>().ToArray(),
                             ImageMetrics.SsimPerImage(output, clean).cpu().data<float>().ToArray());
        }
        return totals.Result();
    }

    /// <summary>The first <paramref name="count"/> images, what the model is given (corrupted when denoising) and its outputs, on the CPU.</summary>
    public static (Tensor Inputs, Tensor Outputs) Reconstruct(AutoencoderModule module, ImageDataset data, Device device, long seed, int count)
    {
        using var evaluation = new EvaluationMode(module);
        using var scope = NewDisposeScope();
        TrainingDevice.Seed(SeededShuffle.DerivedSeed(seed, 0));
        var clean = data.Slice(0, Math.Min(count, data.Count)).to(device);
        var input = module.Corrupt(clean);
        var output = module.Run(input).Output;
        return (input.cpu().MoveToOuterDisposeScope(), output.cpu().MoveToOuterDisposeScope());
    }
}
