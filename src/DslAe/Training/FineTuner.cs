using System.Diagnostics;
using System.Globalization;
using DslAe.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslAe.Training;

/// <summary>Test accuracy of one fine-tuned classifier.</summary>
/// <param name="Accuracy">Fraction of the test images classified right.</param>
/// <param name="FinalLoss">Mean cross-entropy over the last epoch's batches.</param>
public sealed record FineTuneScore(double Accuracy, double FinalLoss);

/// <summary>What a fine-tune measured: the pre-trained encoder's classifier against the same one from random weights.</summary>
/// <param name="Labels">How many labelled training images both trained on.</param>
/// <param name="TestImages">How many test images both were scored on.</param>
/// <param name="Pretrained">The classifier on the autoencoder's trained encoder.</param>
/// <param name="Random">The same encoder and head, the encoder's weights freshly initialised.</param>
/// <param name="Elapsed">Wall time of both.</param>
public sealed record FineTuneResult(int Labels, long TestImages, FineTuneScore Pretrained, FineTuneScore Random, TimeSpan Elapsed)
{
    /// <summary>One line for logs: both accuracies.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Labels} labels: test accuracy {Pretrained.Accuracy:P2} pre-trained, {Random.Accuracy:P2} from random initialisation ({TestImages} test images, {Elapsed.TotalSeconds:0.0} s)");
}

/// <summary>
/// Pre-train, then fine-tune: drops the decoder of a trained autoencoder, puts a classifier head on its encoder's code
/// and trains it on a seeded choice of labelled images, the encoder frozen or trained with it as declared. The same
/// encoder and head from random initialisation train on the same images with the same seed, so the two test
/// accuracies differ only by what pre-training learnt.
/// </summary>
public static class FineTuner
{
    /// <summary>The seeded choice of <paramref name="labels"/> of <paramref name="count"/> training images (all of them when null or larger).</summary>
    public static long[] ChooseLabelled(long count, int? labels, long seed)
    {
        var order = SeededShuffle.Permutation(count, seed, stream: LabelStream);
        return labels is { } n && n < count ? order.Take(n).ToArray() : order;
    }

    /// <summary>
    /// Fine-tunes on <paramref name="pretrained"/>'s encoder and on a fresh module's, each on the same labelled images,
    /// and scores both on <paramref name="test"/>. <paramref name="pretrained"/>'s weights are not changed (a frozen
    /// encoder is only read; an unfrozen one trains on a copy).
    /// </summary>
    /// <param name="model">The model whose <see cref="ModelDefinition.FineTune"/> says the head and its training.</param>
    /// <param name="pretrained">The trained autoencoder.</param>
    /// <param name="train">Training images with class labels as targets.</param>
    /// <param name="test">Test images with class labels.</param>
    /// <param name="labels">How many labelled training images (overrides the declaration's); null: the declaration's.</param>
    /// <param name="seed">Seed of the choice of images, the head's weights, the random encoder and the shuffling.</param>
    /// <param name="batchSize">Mini-batch size.</param>
    /// <param name="device">Where to train.</param>
    /// <param name="log">Progress lines, one per classifier.</param>
    public static FineTuneResult Run(ModelDefinition model, AutoencoderModule pretrained, ImageDataset train, ImageDataset test,
        int? labels, long seed, int batchSize, Device device, Action<string>? log = null)
    {
        var spec = model.FineTune ?? throw new ArgumentException($"{model.Name} declares no fine-tune; add [FineTune(Classes = K)] (YAML: fine_tune: {{ classes: K }})", nameof(model));
        if (train.Targets is null || test.Targets is null)
            throw new ArgumentException($"{model.Name}'s fine-tune needs class labels for its training and test images; use Fashion-MNIST (its IDX label files) or a folder with one subfolder per class");
        var chosen = ChooseLabelled(train.Count, labels ?? spec.Labels, seed);
        using var labelled = train.Select(chosen);
        var clock = Stopwatch.StartNew();

        // The pre-trained encoder trains on a copy when it is not frozen, so the autoencoder's weights stay as trained.
        using var copy = model.CreateModule();
        Serialization.Weights.LoadStateDict(copy, pretrained.state_dict());
        var pretrainedScore = Classify(spec, copy, labelled, test, seed, batchSize, device);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"fine-tune on the pre-trained encoder: test accuracy {pretrainedScore.Accuracy:P2} (last epoch's loss {pretrainedScore.FinalLoss:0.#####})"));

        TrainingDevice.Seed(SeededShuffle.DerivedSeed(seed, RandomEncoderStream));
        using var fresh = model.CreateModule();
        var randomScore = Classify(spec, fresh, labelled, test, seed, batchSize, device);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"fine-tune on a randomly initialised encoder: test accuracy {randomScore.Accuracy:P2} (last epoch's loss {randomScore.FinalLoss:0.#####})"));
        return new FineTuneResult((int)labelled.Count, test.Count, pretrainedScore, randomScore, clock.Elapsed);
    }

    /// <summary>Builds the head on <paramref name="module"/>'s encoder, trains it (and the encoder unless frozen) and scores it.</summary>
    private static FineTuneScore Classify(FineTuneDescription spec, AutoencoderModule module, ImageDataset labelled, ImageDataset test,
        long seed, int batchSize, Device device)
    {
        module.to(device);
        using var encoder = module.CreateEncoder();
        TrainingDevice.Seed(SeededShuffle.DerivedSeed(seed, HeadStream));
        using var head = Head(spec);
        head.to(device);
        var parameters = spec.Freeze ? head.parameters() : head.parameters().Concat(encoder.parameters());
        if (spec.Freeze)
            foreach (var parameter in encoder.parameters()) parameter.requires_grad = false;
        using var optimizer = optim.Adam(parameters, spec.LearningRate);
        var batch = (int)Math.Min(batchSize, labelled.Count);
        var finalLoss = double.NaN;
        for (var epoch = 0; epoch < spec.Epochs; epoch++)
        {
            // A frozen encoder is a fixed feature map: evaluation mode (batch norm's running statistics, no dropout).
            encoder.train(!spec.Freeze);
            head.train();
            var order = SeededShuffle.Permutation(labelled.Count, SeededShuffle.DerivedSeed(seed, epoch), stream: ShuffleStream);
            double total = 0;
            var batches = 0;
            for (long start = 0; start < order.Length; start += batch)
            {
                using var scope = NewDisposeScope();
                var indices = tensor(order.AsSpan((int)start, (int)Math.Min(batch, order.Length - start)).ToArray());
                var images = labelled.Batch(indices).to(device);
                var target = labelled.TargetBatch(indices).to(device);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(head.call(Codes(encoder, images, spec.Freeze)), target);
                loss.backward();
                optimizer.step();
                total += loss.item<float>();
                batches++;
            }

            finalLoss = total / batches;
        }

        return new FineTuneScore(Accuracy(encoder, head, test, device), finalLoss);
    }

    /// <summary>The encoder's code of <paramref name="images"/>, without a graph through the encoder when it is frozen.</summary>
    private static Tensor Codes(EncoderModule encoder, Tensor images, bool frozen)
    {
        if (!frozen) return encoder.call(images);
        using var noGrad = no_grad();
        return encoder.call(images);
    }

    private static double Accuracy(EncoderModule encoder, Sequential head, ImageDataset test, Device device)
    {
        encoder.eval();
        head.eval();
        using var noGrad = no_grad();
        long right = 0;
        for (long start = 0; start < test.Count; start += Evaluator.DefaultBatchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(Evaluator.DefaultBatchSize, test.Count - start);
            var predicted = head.call(encoder.call(test.Slice(start, length).to(device))).argmax(1);
            right += predicted.eq(test.TargetSlice(start, length).to(device)).sum().item<long>();
        }

        return (double)right / test.Count;
    }

    /// <summary>Flatten, then one linear layer to the K logits, or a hidden ReLU layer and then it.</summary>
    private static Sequential Head(FineTuneDescription spec) => spec.Hidden > 0
        ? nn.Sequential(("Flatten", nn.Flatten()), ("Hidden", nn.Linear(spec.CodeFeatures, spec.Hidden)), ("ReLU", nn.ReLU()), ("Logits", nn.Linear(spec.Hidden, spec.Classes)))
        : nn.Sequential(("Flatten", nn.Flatten()), ("Logits", nn.Linear(spec.CodeFeatures, spec.Classes)));

    // Separate random streams, so the choice of images, the head's weights and the shuffling do not depend on each other.
    private const long LabelStream = 0x4C41_4245;
    private const long ShuffleStream = 0x4655_4E45;
    private const long HeadStream = 0x4845_4144;
    private const long RandomEncoderStream = 0x5241_4E44;
}
