namespace DslAe.Data;

/// <summary>
/// Turns a model's declared data (<see cref="TrainingSettings.Data"/>, <see cref="TrainingSettings.DataPath"/>)
/// or a command-line <c>--data</c> value into a <see cref="DataSplit"/>. A value is either the name
/// <c>fashion-mnist</c> or a folder: one holding Fashion-MNIST's IDX files, or one holding PNG/JPEG images.
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
    public static DataSplit Load(TrainingSettings settings, int[] inputShape, string model, string? dataOverride = null, int? limit = null, int? holdoutClass = null)
    {
        var (all, test) = LoadSource(settings, inputShape, model, dataOverride);
        try
        {
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

    private static (ImageDataset All, ImageDataset? Test) LoadSource(TrainingSettings settings, int[] inputShape, string model, string? dataOverride)
    {
        var source = Source(settings, dataOverride);
        if (IsFashionMnistName(source)) return LoadFashionMnist(settings.DataPath ?? FashionMnist.DefaultFolder, inputShape, model);
        if (File.Exists(source))
            throw new DataFileException(source, "is a file; --data takes a folder (of Fashion-MNIST IDX files or of PNG/JPEG images) or the name fashion-mnist");
        if (!Directory.Exists(source))
            throw new DataFileException(source, "folder not found; --data takes a folder (of Fashion-MNIST IDX files or of PNG/JPEG images) or the name fashion-mnist");
        if (FashionMnist.IsFashionMnistFolder(source)) return LoadFashionMnist(source, inputShape, model);
        return (ImageFolder.Load(source, inputShape), null);
    }

    private static (ImageDataset, ImageDataset?) LoadFashionMnist(string folder, int[] inputShape, string model)
    {
        var train = FashionMnist.LoadTrain(folder, inputShape, model);
        try
        {
            return (train, FashionMnist.LoadTest(folder, inputShape, model));
        }
        catch
        {
            train.Dispose();
            throw;
        }
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
