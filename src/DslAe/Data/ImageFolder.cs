namespace DslAe.Data;

/// <summary>
/// A folder of PNG and JPEG images (searched recursively, in ordinal path order so the order never depends on the
/// file system), decoded by SkiaSharp to the channels a model takes. Every image must have the model's height and
/// width; a file of another size is named before its pixels are decoded.
/// </summary>
public static class ImageFolder
{
    /// <summary>True when <paramref name="folder"/> (or a subfolder) holds at least one PNG or JPEG file.</summary>
    public static bool HasImages(string folder) => Directory.Exists(folder) && ImageFiles(folder).Any();

    /// <summary>All PNG and JPEG images of <paramref name="folder"/> as one dataset of shape [N, C, H, W].</summary>
    public static ImageDataset Load(string folder, int[] inputShape)
    {
        return Decoded(SortedImageFiles(folder), inputShape, folder);
    }

    /// <summary>
    /// A folder with one subfolder per class (torchvision's ImageFolder layout): class k is the k-th subfolder name in
    /// ordinal order, and each image's label is its subfolder's class. Returns the dataset and the class names.
    /// </summary>
    public static (ImageDataset Data, string[] Classes) LoadClasses(string folder, int[] inputShape)
    {
        if (!Directory.Exists(folder)) throw new DataFileException(folder, "folder not found");
        var classes = Directory.GetDirectories(folder).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length == 0)
            throw new DataFileException(folder, "has no class subfolders: a model with class labels reads one subfolder per class (e.g. shirt/, shoe/), or the Fashion-MNIST folder with its label files");
        var files = new List<string>();
        var labels = new List<long>();
        for (var k = 0; k < classes.Length; k++)
        {
            var inClass = ImageFiles(Path.Combine(folder, classes[k])).Order(StringComparer.Ordinal).ToList();
            files.AddRange(inClass);
            labels.AddRange(Enumerable.Repeat((long)k, inClass.Count));
        }
        if (files.Count == 0) throw new DataFileException(folder, "its class subfolders hold no .png, .jpg or .jpeg files");
        using var images = Decoded(files, inputShape, folder);
        using var targets = TorchSharp.torch.tensor(labels.ToArray(), TorchSharp.torch.ScalarType.Int64);
        return (images.WithTargets(targets), classes);
    }

    /// <summary>
    /// Paired folders: every image of <paramref name="inputFolder"/> with the image of the same relative path (PNG
    /// masks may replace a JPEG's extension) in <paramref name="targetFolder"/>. Targets are read with
    /// <paramref name="targetShape"/>; <paramref name="classMaps"/> keeps their grey values as int64 class indices
    /// [N, H, W] instead of scaling them to [0, 1].
    /// </summary>
    public static ImageDataset LoadPaired(string inputFolder, int[] inputShape, string targetFolder, int[] targetShape, bool classMaps)
    {
        var inputs = SortedImageFiles(inputFolder);
        var targets = inputs.Select(f => Partner(f, inputFolder, targetFolder)).ToList();
        using var images = Decoded(inputs, inputShape, inputFolder);
        var bytes = Decode(targets, targetShape);
        using var raw = TorchSharp.torch.tensor(bytes, [targets.Count, targetShape[0], targetShape[1], targetShape[2]], TorchSharp.torch.ScalarType.Byte);
        using var paired = classMaps ? raw.select(1, 0).to(TorchSharp.torch.ScalarType.Int64) : raw.to(TorchSharp.torch.ScalarType.Float32) / 255.0;
        return images.WithTargets(paired);
    }

    private static string Partner(string input, string inputFolder, string targetFolder)
    {
        var relative = Path.GetRelativePath(inputFolder, input);
        var same = Path.Combine(targetFolder, relative);
        if (File.Exists(same)) return same;
        var png = Path.ChangeExtension(same, ".png");
        if (File.Exists(png)) return png;
        throw new DataFileException(same, $"file not found: every image of {inputFolder} needs its partner of the same name in {targetFolder}");
    }

    private static List<string> SortedImageFiles(string folder)
    {
        if (!Directory.Exists(folder)) throw new DataFileException(folder, "folder not found");
        var files = ImageFiles(folder).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new DataFileException(folder, "holds no .png, .jpg or .jpeg files: point --data at a folder of images or at the Fashion-MNIST folder");
        return files;
    }

    /// <summary>The files as one dataset of <paramref name="shape"/> images, named after <paramref name="source"/>.</summary>
    private static ImageDataset Decoded(IReadOnlyList<string> files, int[] shape, string source) =>
        ImageDataset.FromBytes(Decode(files, shape), [files.Count, shape[0], shape[1], shape[2]], source);

    /// <summary>The files' pixels as one CHW byte array, image after image; every file must have the shape's size.</summary>
    private static byte[] Decode(IReadOnlyList<string> files, int[] shape)
    {
        var (channels, height, width) = (shape[0], shape[1], shape[2]);
        var sampleBytes = channels * height * width;
        var pixels = new byte[checked((long)files.Count * sampleBytes)];
        for (var i = 0; i < files.Count; i++)
        {
            var image = ImageFile.Read(files[i], channels, (width, height));
            // Interleaved HWC from the decoder to the CHW layout of tensors.
            var target = pixels.AsSpan(i * sampleBytes, sampleBytes);
            for (var c = 0; c < channels; c++)
                for (var p = 0; p < height * width; p++)
                    target[c * height * width + p] = image.Pixels[p * channels + c];
        }
        return pixels;
    }

    private static IEnumerable<string> ImageFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".png" || IsJpeg(f));

    private static bool IsJpeg(string path) => Path.GetExtension(path).ToLowerInvariant() is ".jpg" or ".jpeg";
}
