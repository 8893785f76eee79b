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
        if (!Directory.Exists(folder)) throw new DataFileException(folder, "folder not found");
        var files = ImageFiles(folder).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new DataFileException(folder, "holds no .png, .jpg or .jpeg files: point --data at a folder of images or at the Fashion-MNIST folder");
        var (channels, height, width) = (inputShape[0], inputShape[1], inputShape[2]);
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
        return ImageDataset.FromBytes(pixels, [files.Count, channels, height, width], folder);
    }

    private static IEnumerable<string> ImageFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".png" || IsJpeg(f));

    private static bool IsJpeg(string path) => Path.GetExtension(path).ToLowerInvariant() is ".jpg" or ".jpeg";
}
