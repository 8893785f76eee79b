using DslAe.Data;

namespace DslAe.Tests;

/// <summary>PNG and JPEG through SkiaSharp (native library from NuGet): real files written, read back and broken.</summary>
public class ImageFileTests
{
    [Fact]
    public void Grey_and_rgb_images_round_trip_as_real_png_files()
    {
        using var folder = new TempFolder();
        var grey = new ImagePixels(5, 3, 1, Enumerable.Range(0, 15).Select(i => (byte)(i * 17)).ToArray());
        var rgb = new ImagePixels(2, 2, 3, Enumerable.Range(0, 12).Select(i => (byte)(i * 20)).ToArray());
        ImageFile.WritePng(folder.File("grey.png"), grey);
        ImageFile.WritePng(folder.File("rgb.png"), rgb);
        Assert.Equal(grey.Pixels, ImageFile.Read(folder.File("grey.png"), 1).Pixels);
        var back = ImageFile.Read(folder.File("rgb.png"), 3);
        Assert.Equal((2, 2), (back.Width, back.Height));
        Assert.Equal(rgb.Pixels, back.Pixels);
        // The file is a real PNG: its signature.
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(folder.File("grey.png"))[..4]);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void Colour_becomes_grey_with_the_bt601_luma_weights()
    {
        using var folder = new TempFolder();
        // Red, green, blue, white: 0.299·255, 0.587·255, 0.114·255, 255.
        ImageFile.WritePng(folder.File("rgbw.png"), new ImagePixels(4, 1, 3, [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]));
        Assert.Equal(new byte[] { 76, 150, 29, 255 }, ImageFile.Read(folder.File("rgbw.png"), 1).Pixels);
    }

    [Fact]
    public void An_image_folder_loads_in_path_order_as_chw_tensors_in_unit_range()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("b"));
        ImageFile.WritePng(folder.File("b/1.png"), Solid(28, 28, 255));
        ImageFile.WritePng(folder.File("a.png"), Solid(28, 28, 51));
        using var data = ImageFolder.Load(folder.Path, [1, 28, 28]);
        Assert.Equal([2L, 1, 28, 28], data.Images.shape);
        var values = data.Images.data<float>().ToArray();
        Assert.Equal(0.2f, values[0], 6);             // a.png first
        Assert.Equal(1f, values[28 * 28], 6);          // then b/1.png
    }

    [Fact]
    public void Jpeg_images_load_beside_png_images()
    {
        using var folder = new TempFolder();
        var gradient = new ImagePixels(28, 28, 1, Enumerable.Range(0, 784).Select(i => (byte)(i % 28 * 9)).ToArray());
        ImageFile.WritePng(folder.File("a.png"), gradient);
        ImageFile.WriteJpeg(folder.File("b.jpg"), gradient, quality: 100);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, File.ReadAllBytes(folder.File("b.jpg"))[..3]);
        using var data = ImageFolder.Load(folder.Path, [1, 28, 28]);
        Assert.Equal([2L, 1, 28, 28], data.Images.shape);
        var values = data.Images.data<float>().ToArray();
        // Lossy, but at quality 100 within a few grey levels of the PNG copy.
        for (var i = 0; i < 784; i++) Assert.InRange(values[784 + i] - values[i], -3 / 255f, 3 / 255f);
    }

    [Fact]
    public void An_image_of_the_wrong_size_is_named()
    {
        using var folder = new TempFolder();
        ImageFile.WritePng(folder.File("ok.png"), Solid(28, 28, 0));
        ImageFile.WritePng(folder.File("big.png"), Solid(32, 30, 0));
        var e = Assert.Throws<DataFileException>(() => ImageFolder.Load(folder.Path, [1, 28, 28]));
        Assert.Equal(folder.File("big.png"), e.FilePath);
        Assert.Contains("32x30", e.Message);
        Assert.Contains("28x28", e.Message);
    }

    [Fact]
    public void A_header_claiming_a_huge_image_is_refused_before_any_pixel_is_decoded()
    {
        using var folder = new TempFolder();
        ImageFile.WritePng(folder.File("small.png"), Solid(28, 28, 7));
        var bytes = File.ReadAllBytes(folder.File("small.png"));
        // IHDR is the first chunk: width and height at bytes 16..23, its CRC at 29..32.
        WriteBigEndian(bytes, 16, 40_000);
        WriteBigEndian(bytes, 20, 40_000);
        WriteBigEndian(bytes, 29, Crc32(bytes.AsSpan(12, 17)));
        File.WriteAllBytes(folder.File("small.png"), bytes);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var e = Assert.Throws<DataFileException>(() => ImageFolder.Load(folder.Path, [1, 28, 28]));
        Assert.Contains("40000x40000", e.Message);
        // 40,000² RGBA pixels would be 6.4 GB; the refusal allocates next to nothing.
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 16 << 20);
    }

    [Fact]
    public void A_corrupt_file_is_named_with_the_decoders_reason()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("broken.png"), "this is not a png"u8.ToArray());
        var e = Assert.Throws<DataFileException>(() => ImageFolder.Load(folder.Path, [1, 28, 28]));
        Assert.Equal(folder.File("broken.png"), e.FilePath);
        Assert.Contains("not a readable PNG or JPEG file", e.Message);
    }

    [Fact]
    public void A_truncated_png_is_reported()
    {
        using var folder = new TempFolder();
        var noisy = new ImagePixels(28, 28, 1, Enumerable.Range(0, 784).Select(i => (byte)(i * 7919 % 251)).ToArray());
        ImageFile.WritePng(folder.File("cut.png"), noisy);
        var bytes = File.ReadAllBytes(folder.File("cut.png"));
        File.WriteAllBytes(folder.File("cut.png"), bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<DataFileException>(() => ImageFolder.Load(folder.Path, [1, 28, 28]));
        Assert.Equal(folder.File("cut.png"), e.FilePath);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_folder_without_images_says_so()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("notes.txt"), "");
        var e = Assert.Throws<DataFileException>(() => ImageFolder.Load(folder.Path, [1, 28, 28]));
        Assert.Equal(folder.Path, e.FilePath);
        Assert.Contains("no .png, .jpg or .jpeg files", e.Message);
    }

    private static ImagePixels Solid(int width, int height, byte value) => new(width, height, 1, Enumerable.Repeat(value, width * height).ToArray());

    private static void WriteBigEndian(byte[] bytes, int at, uint value)
    {
        for (var i = 0; i < 4; i++) bytes[at + i] = (byte)(value >> (24 - 8 * i));
    }

    /// <summary>PNG's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320) over chunk type and data.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
