using DslAe.Data;
using DslAe.Metrics;
using DslAe.Reports;
using static TorchSharp.torch;

namespace DslAe.Training;

/// <summary>
/// One pass over a data set in evaluation mode without gradients: the declared loss and its terms, and the metrics of
/// the model's target (<see cref="TargetMetrics"/>: MSE/PSNR/SSIM of images, accuracy of labels, mean IoU of class
/// maps). A denoising model sees corrupted inputs, as in training; libtorch is reseeded per batch so the corruption,
/// and the result, is the same on every call.
/// </summary>
public static class Evaluator
{
    /// <summary>Images per evaluation batch unless the caller chooses otherwise.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>
    /// The metrics of <paramref name="module"/> on the first <paramref name="maxSamples"/> images of
    /// <paramref name="data"/> (all when null), in order, in batches of <paramref name="batchSize"/> on
    /// <paramref name="device"/>. <paramref name="seed"/> fixes the corruption; the module's mode is restored afterwards.
    /// <paramref name="learnedCodes"/>: <paramref name="data"/> is a GLO model's training set, whose images decode from
    /// their own learned codes (rows in data order) instead of codes fitted to them.
    /// </summary>
    public static EvaluationMetrics Evaluate(AutoencoderModule module, ImageDataset data, Device device, long seed,
                                             int batchSize = DefaultBatchSize, long? maxSamples = null, bool learnedCodes = false)
    {
        if (learnedCodes && module.Codes?.Count != data.Count)
            throw new ArgumentException($"{module.Definition.Name}: evaluating with learned codes needs the training set the codes belong to ({module.Codes?.Count ?? 0} codes, {data.Count} images)", nameof(data));
        var count = Math.Min(data.Count, maxSamples ?? data.Count);
        var target = module.Definition.Target;
        using var evaluation = new EvaluationMode(module);
        var totals = new MetricAccumulator();
        var batch = 0;
        for (long start = 0; start < count; start += batchSize, batch++)
        {
            using var scope = NewDisposeScope();
            TrainingDevice.Seed(SeededShuffle.DerivedSeed(seed, batch));
            var length = Math.Min(batchSize, count - start);
            var clean = data.Slice(start, length).to(device);
            var expected = data.Targets is null ? clean : data.TargetSlice(start, length).to(device);
            var pass = learnedCodes ? module.RunCodes(arange(start, start + length, device: device)) : module.Run(module.Corrupt(clean));
            var loss = module.ComputeLoss(pass, expected);
            totals.AddLoss(loss.Total.item<float>(), loss.Terms.Select(t => new KeyValuePair<string, double>(t.Name, t.Value.item<float>())), length);
            TargetMetrics.Add(totals, target, pass.Output, expected, clean);
        }
        return totals.Result();
    }

    /// <summary>
    /// The rows of the picture a run draws after each epoch, on the CPU, for the first <paramref name="count"/> images
    /// (<see cref="ReconstructionGrid.Caption"/> says what they are): the input and the output for reconstruction;
    /// the input upsampled bicubically, the output and the target for paired images; the input, the target map and
    /// the predicted map (grey level = class / (K - 1)) for per-pixel labels. Null for class labels, which have no picture.
    /// </summary>
    public static IReadOnlyList<Tensor>? PreviewRows(AutoencoderModule module, ImageDataset data, Device device, long seed, int count)
    {
        var target = module.Definition.Target;
        if (target.Kind == TargetKind.Labels) return null;
        using var evaluation = new EvaluationMode(module);
        using var scope = NewDisposeScope();
        TrainingDevice.Seed(SeededShuffle.DerivedSeed(seed, 0));
        var length = Math.Min(count, data.Count);
        var clean = data.Slice(0, length).to(device);
        var input = module.Corrupt(clean);
        var output = module.Run(input).Output;
        var expected = data.Targets is null ? clean : data.TargetSlice(0, length).to(device);
        Tensor[] rows = target.Kind switch
        {
            TargetKind.Image => [ImageResampling.Upscale(input, target.Scale).clamp(0, 1), output.clamp(0, 1), expected],
            TargetKind.PixelLabels => [input, ClassMap(expected, target.Classes), ClassMap(output.argmax(1), target.Classes)],
            _ => [input, output],
        };
        return rows.Select(r => r.cpu().MoveToOuterDisposeScope()).ToList();
    }

    private static Tensor ClassMap(Tensor classes, int count) => (classes.to(ScalarType.Float32) / Math.Max(1, count - 1)).unsqueeze(1);
}
