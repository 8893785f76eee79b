using TorchSharp;

namespace DslAe.Data;

/// <summary>
/// Turns a model's declared data (<see cref="TrainingSettings.Data"/>, <see cref="TrainingSettings.DataPath"/>)
/// or a command-line <c>--data</c> value into a <see cref="DataSplit"/>. A value is either the name
/// <c>fashion-mnist</c> or a folder: one holding Fashion-MNIST's IDX files, or one holding PNG/JPEG images. The
/// model's target decides what comes with the images (docs/data.md): Fashion-MNIST gives class labels from its label
/// files and per-pixel labels by <see cref="FashionMnist.PixelLabels"/>; a folder gives labels by class subfolder,
/// per-pixel labels from <c>images/</c> and <c>masks/</c>, paired images from <c>low/</c> and <c>high/</c>. Without
/// paired folders an image target's inputs are its images downscaled (<see cref="ImageResampling.Downscale"/>).
/// </summary>
public static class DataSources
{
    /// <summary>The data name that selects Fashion-MNIST (compared case-insensitively; "fashion_mnist" works too).</summary>
    public const string FashionMnistName = "fashion-mnist";

    /// <summary>
    /// Loads the data for a model taking <paramref name="inputShape"/> images. The validation set is a seeded
    /// <see cref="TrainingSettings.ValidationFraction"/> of the training images. <paramref name="limit"/> keeps only
    /// that many training images (and a validation set in proportion), and at most that many test images, for quick runs.
    /// </summary>
    /// <remarks><paramref name="holdoutClass"/>: Fashion-MNIST only; the training (and validation) images of that class are left out.</remarks>
    /// <remarks><paramref name="target"/>: what the model compares its output with; null: its input.</remarks>
    public static DataSplit Load(TrainingSettings settings, int[] inputShape, string model, string? dataOverride = null, int? limit = null, int? holdoutClass = null,
                                 TargetDescription? target = null)
    {
        target ??= TargetDescription.Reconstruction(inputShape);
        var (all, test) = LoadSource(settings, target.DataShape(inputShape), model, dataOverride, target);
        try
        {
            if (target.Kind == TargetKind.Image && all.Targets is null)
            {
                all = Replace(all, Downscaled(all, target.Scale));
                if (test is not null) test = Replace(test, Downscaled(test, target.Scale));
            }
            EnsureClasses(all, target, model);
            if (holdoutClass is { } k) all = Replace(all, WithoutClass(all, settings, dataOverride, k));
            all.EnsureShape(inputShape, model);
            test?.EnsureShape(inputShape, model);
            var (train, validation) = all.Split(settings.ValidationFraction, settings.Seed);
            if (limit is { } n)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n, "--limit");
                var validationCount = Math.Max(1, (long)Math.Ceiling(n * settings.ValidationFraction / (1 - settings.ValidationFraction)));
                (train, validation) = (Replace(train, train.Take(n)), Replace(validation, validation.Take(validationCount)));
                // The test set too: a quick run is quick to its end.
                if (test is not null) test = Replace(test, test.Take(n));
            }
            return new DataSplit(train, validation, test);
        }
        catch
        {
            test?.Dispose();
            throw;
        }
        finally
        {
            all.Dispose();
        }
    }

    /// <summary>
    /// The training images without those of class <paramref name="k"/> (the anomaly-detection protocol: train on the
    /// normal classes, score the whole test set); Fashion-MNIST only, whose labels say the classes.
    /// </summary>
    private static ImageDataset WithoutClass(ImageDataset all, TrainingSettings settings, string? dataOverride, int k)
    {
        var folder = FashionMnistFolder(settings, dataOverride)
            ?? throw new ArgumentException("--holdout-class needs Fashion-MNIST's labels; the data is a folder of images without them");
        var labels = FashionMnist.LoadTrainLabels(folder);
        if (labels.Length != all.Count)
            throw new DataFileException(folder, $"{labels.Length} training labels for {all.Count} training images");
        var kept = Enumerable.Range(0, labels.Length).Where(i => labels[i] != k).Select(i => (long)i).ToArray();
        return all.Select(kept);
    }

    /// <summary>What the data is: the command line's <c>--data</c>, else the declared path or name, else Fashion-MNIST.</summary>
    private static string Source(TrainingSettings settings, string? dataOverride) => dataOverride ?? settings.DataPath ?? settings.Data ?? FashionMnistName;

    /// <summary>The Fashion-MNIST folder the data comes from; null when it is a folder of images.</summary>
    public static string? FashionMnistFolder(TrainingSettings settings, string? dataOverride = null)
    {
        var source = Source(settings, dataOverride);
        if (IsFashionMnistName(source)) return settings.DataPath ?? FashionMnist.DefaultFolder;
        return Directory.Exists(source) && FashionMnist.IsFashionMnistFolder(source) ? source : null;
    }

    /// <summary>Where the data of a run comes from, for messages: the folder that will be read.</summary>
    public static string Describe(TrainingSettings settings, string? dataOverride = null)
    {
        var source = Source(settings, dataOverride);
        return IsFashionMnistName(source) ? $"Fashion-MNIST ({settings.DataPath ?? FashionMnist.DefaultFolder})" : source;
    }

    private static (ImageDataset All, ImageDataset? Test) LoadSource(TrainingSettings settings, int[] dataShape, string model, string? dataOverride, TargetDescription target)
    {
        var source = Source(settings, dataOverride);
        if (IsFashionMnistName(source)) return LoadFashionMnist(settings.DataPath ?? FashionMnist.DefaultFolder, dataShape, model, target);
        if (File.Exists(source))
            throw new DataFileException(source, "is a file; --data takes a folder (of Fashion-MNIST IDX files or of PNG/JPEG images) or the name fashion-mnist");
        if (!Directory.Exists(source))
            throw new DataFileException(source, "folder not found; --data takes a folder (of Fashion-MNIST IDX files or of PNG/JPEG images) or the name fashion-mnist");
        if (FashionMnist.IsFashionMnistFolder(source)) return LoadFashionMnist(source, dataShape, model, target);
        return (LoadFolder(source, dataShape, target), null);
    }

    private static ImageDataset LoadFolder(string folder, int[] dataShape, TargetDescription target)
    {
        switch (target.Kind)
        {
            case TargetKind.Labels:
                return ImageFolder.LoadClasses(folder, dataShape).Data;
            case TargetKind.PixelLabels:
                var (images, masks) = (Path.Combine(folder, "images"), Path.Combine(folder, "masks"));
                if (!Directory.Exists(images) || !Directory.Exists(masks))
                    throw new DataFileException(folder, "a segmentation model reads images/ and masks/ subfolders (PNG masks of class indices, same file names as the images), or the Fashion-MNIST folder; this folder lacks " + (Directory.Exists(images) ? "masks/" : "images/"));
                return ImageFolder.LoadPaired(images, dataShape, masks, [1, dataShape[1], dataShape[2]], classMaps: true);
            case TargetKind.Image when Directory.Exists(Path.Combine(folder, "low")) && Directory.Exists(Path.Combine(folder, "high")):
                int[] low = [dataShape[0], dataShape[1] / target.Scale, dataShape[2] / target.Scale];
                return ImageFolder.LoadPaired(Path.Combine(folder, "low"), low, Path.Combine(folder, "high"), dataShape, classMaps: false);
            default:
                return ImageFolder.Load(folder, dataShape);
        }
    }

    private static (ImageDataset, ImageDataset?) LoadFashionMnist(string folder, int[] dataShape, string model, TargetDescription target)
    {
        var train = WithFashionTargets(FashionMnist.LoadTrain(folder, dataShape, model), () => FashionMnist.LoadTrainLabels(folder), target);
        try
        {
            return (train, WithFashionTargets(FashionMnist.LoadTest(folder, dataShape, model), () => FashionMnist.LoadTestLabels(folder), target));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>Fashion-MNIST's targets: its classes for labels, <see cref="FashionMnist.PixelLabels"/> for pixel labels.</summary>
    private static ImageDataset WithFashionTargets(ImageDataset images, Func<byte[]> labels, TargetDescription target)
    {
        if (!target.IsClassification) return images;
        try
        {
            var classes = labels();
            if (classes.Length != images.Count)
                throw new DataFileException(images.Source, $"{classes.Length} labels for {images.Count} images: the label file does not belong to these images");
            using var scope = torch.NewDisposeScope();
            var perImage = torch.tensor(classes.Select(c => (long)c).ToArray(), torch.ScalarType.Int64);
            var targets = target.Kind == TargetKind.Labels ? perImage : FashionMnist.PixelLabels(images.Images, perImage);
            return images.WithTargets(targets);
        }
        finally
        {
            images.Dispose();
        }
    }

    /// <summary>An image target's pairs made from the images: each image is the target, its downscale the input.</summary>
    private static ImageDataset Downscaled(ImageDataset images, int scale)
    {
        using var scope = torch.NewDisposeScope();
        using var low = ImageDataset.FromTensor(ImageResampling.Downscale(images.Images, scale), images.Source);
        return low.WithTargets(images.Images);
    }

    /// <summary>Class indices must lie in [0, K): libtorch's cross-entropy would fail on the first batch with an index error.</summary>
    private static void EnsureClasses(ImageDataset data, TargetDescription target, string model)
    {
        if (!target.IsClassification || data.Targets is null || data.Count == 0) return;
        var (min, max) = (data.Targets.min().item<long>(), data.Targets.max().item<long>());
        if (min < 0 || max >= target.Classes)
            throw new DataFileException(data.Source, $"class labels run from {min} to {max}, but {model} has {target.Classes} classes (0 to {target.Classes - 1}); " +
                $"declare Classes = {max + 1} on its target (and make the decoder output {max + 1} {(target.Kind == TargetKind.Labels ? "logits" : "channels")}), or use data with those classes");
    }

    private static bool IsFashionMnistName(string source) =>
        string.Equals(source, FashionMnistName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(source, "fashion_mnist", StringComparison.OrdinalIgnoreCase);

    private static ImageDataset Replace(ImageDataset old, ImageDataset replacement)
    {
        old.Dispose();
        return replacement;
    }
}
