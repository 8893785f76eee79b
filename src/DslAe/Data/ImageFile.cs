using SkiaSharp;

namespace DslAe.Data;

/// <summary>
/// PNG and JPEG files through SkiaSharp, whose native library comes from NuGet on every platform (no system libpng or
/// libjpeg). Reading checks the size the file declares before any pixel is decoded, so a small file claiming a huge
/// image costs nothing. Colour becomes grey with the ITU-R BT.601 luma weights (0.299 R + 0.587 G + 0.114 B, as PIL's
/// <c>convert("L")</c>); an alpha channel is ignored.
/// </summary>
public static class ImageFile
{
    /// <summary>
    /// The most pixels an image read without an expected size may have (16384 x 16384): decoding takes 4 bytes a
    /// pixel, so a header claiming more is refused rather than trusted with gigabytes.
    /// </summary>
    public const long MaxPixels = 16384L * 16384;

    /// <summary>Decodes <paramref name="path"/> to 1 (grey) or 3 (RGB) channels of 8 bits.</summary>
    /// <param name="path">A PNG or JPEG file (the content decides, not the extension).</param>
    /// <param name="channels">1 or 3.</param>
    /// <param name="expected">When given, an image of another width x height is rejected before decoding.</param>
    public static ImagePixels Read(string path, int channels, (int Width, int Height)? expected = null)
    {
        CheckChannels(channels);
        if (!File.Exists(path)) throw new DataFileException(path, "file not found");
        using var stream = OpenRead(path);
        using var codec = SKCodec.Create(stream, out var opened);
        if (codec is null)
            throw new DataFileException(path, $"not a readable PNG or JPEG file (SkiaSharp: {opened})");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (expected is { } size && (size.Width != width || size.Height != height))
            throw new DataFileException(path, $"wrong dimensions: the image is {width}x{height} (width x height) but the model takes {size.Width}x{size.Height}; resize the images or change the model's input shape");
        if (width <= 0 || height <= 0 || (long)width * height > MaxPixels)
            throw new DataFileException(path, $"the header declares {width}x{height} pixels, more than the {MaxPixels:N0} an image may have (a corrupt or hostile file?)");
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var decoded = codec.GetPixels(info, out var rgba);
        if (decoded != SKCodecResult.Success)
            throw new DataFileException(path, decoded == SKCodecResult.IncompleteInput
                ? "truncated image data (the file ends before the last row); copy or download it again"
                : $"corrupt image data (SkiaSharp: {decoded})");
        return new ImagePixels(width, height, channels, FromRgba(rgba, width * height, channels));
    }

    /// <summary>Encodes 8-bit grey (1 channel) or RGB (3 channels) pixels as a PNG, atomically (temporary file, then rename).</summary>
    public static void WritePng(string path, ImagePixels image) => Write(path, image, SKEncodedImageFormat.Png, 100);

    /// <summary>Encodes 8-bit grey or RGB pixels as a JPEG of <paramref name="quality"/> (1–100), atomically.</summary>
    public static void WriteJpeg(string path, ImagePixels image, int quality = 95) => Write(path, image, SKEncodedImageFormat.Jpeg, quality);

    private static void Write(string path, ImagePixels image, SKEncodedImageFormat format, int quality)
    {
        CheckChannels(image.Channels);
        var expected = (long)image.Width * image.Height * image.Channels;
        if (image.Pixels.LongLength != expected)
            throw new ArgumentException($"{image.Width}x{image.Height}x{image.Channels} needs {expected} bytes but {image.Pixels.LongLength} were given", nameof(image));
        var grey = image.Channels == 1;
        var info = new SKImageInfo(image.Width, image.Height, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = grey ? image.Pixels : ToRgba(image.Pixels);
        using var bitmap = new SKBitmap();
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(pixels, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            if (!bitmap.InstallPixels(info, handle.AddrOfPinnedObject(), info.RowBytes))
                throw new IOException($"cannot encode {path}: SkiaSharp refused a {image.Width}x{image.Height} image");
            using var data = bitmap.Encode(format, quality)
                ?? throw new IOException($"cannot encode {path} as {format} (SkiaSharp has no encoder for it on this platform)");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            // Written beside the target and renamed, so a reader never sees half an image.
            var temp = path + ".tmp";
            try
            {
                using (var file = File.Create(temp)) data.SaveTo(file);
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
        finally
        {
            handle.Free();
        }
    }

    private static FileStream OpenRead(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"cannot be read ({e.Message})", e);
        }
    }

    private static byte[] FromRgba(byte[] rgba, int count, int channels)
    {
        var pixels = new byte[(long)count * channels];
        for (var p = 0; p < count; p++)
        {
            var (r, g, b) = (rgba[4 * p], rgba[4 * p + 1], rgba[4 * p + 2]);
            if (channels == 1) pixels[p] = (byte)Math.Round(0.299 * r + 0.587 * g + 0.114 * b);
            else (pixels[3 * p], pixels[3 * p + 1], pixels[3 * p + 2]) = (r, g, b);
        }
        return pixels;
    }

    private static byte[] ToRgba(byte[] rgb)
    {
        var rgba = new byte[rgb.Length / 3 * 4];
        for (var p = 0; p < rgb.Length / 3; p++)
            (rgba[4 * p], rgba[4 * p + 1], rgba[4 * p + 2], rgba[4 * p + 3]) = (rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2], 255);
        return rgba;
    }

    private static void CheckChannels(int channels)
    {
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "images are read and written with 1 (grey) or 3 (RGB) channels");
    }
}
