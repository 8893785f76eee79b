using DslAe.Data;

namespace DslAe.Tests;

public class PngTests
{
    [Fact]
    public void Grey_and_rgb_images_round_trip_through_libpng()
    {
        using var folder = new TempFolder();
        var grey = new ImagePixels(5, 3, 1, Enumerable.Range(0, 15).Select(i => (byte)(i * 17)).ToArray());
        var rgb = new ImagePixels(2, 2, 3, Enumerable.Range(0, 12).Select(i => (byte)(i * 20)).ToArray());
        Png.Write(folder.File("grey.png"), grey);
        Png.Write(folder.File("rgb.png"), rgb);
        Assert.Equal(grey.Pixels, Png.Read(folder.File("grey.png"), 1).Pixels);
        var back = Png.Read(folder.File("rgb.png"), 3);
        Assert.Equal((2, 2), (back.Width, back.Height));
        Assert.Equal(rgb.Pixels, back.Pixels);
        // The file is a real PNG: its signature.
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(folder.File("grey.png"))[..4]);
    }

    [Fact]
    public void An_image_folder_loads_in_path_order_as_chw_tensors_in_unit_range()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("b"));
        Png.Write(folder.File("b/1.png"), Solid(28, 28, 255));
        Png.Write(folder.File("a.png"), Solid(28, 28, 51));
        using var data = ImageFolder.Load(folder.Path, [1, 28, 28]);
        Assert.Equal([2L, 1, 28, 28], data.Images.Shape);
        var values = data.Images.ToArray<float>();
        Assert.Equal(0.2f, values[0], 6);             // a.png first
        Assert.Equal(1f, values[28 * 28], 6);          // then b/1.png
    }

    [Fact]
    public void Colour_images_are_converted_to_the_channels_the_model_takes()
    {
        using var folder = new TempFolder();
        Png.Write(folder.File("white.png"), new ImagePixels(28, 28, 3, Enumerable.Repeat((byte)255, 28 * 28 * 3).ToArray()));
        using var data = ImageFolder.Load(folder.Path, [1, 28, 28]);
        Assert.All(data.Images.ToArray<float>(), v => Assert.Equal(1f, v, 6));
    }

    [Fact]
    public void An_image_of_the_wrong_size_is_named()
    {
        using var folder = new TempFolder();
        Png.Write(folder.File("ok.png"), Solid(28, 28, 0));
        Png.Write(folder.File("big.png"), Solid(32, 30, 0));
        var e = Assert.Throws<DataFileException>(() => ImageFolder.Load(folder.Path, [1, 28, 28]));
        Assert.Equal(folder.File("big.png"), e.FilePath);
        Assert.Contains("32x30", e.Message);
        Assert.Contains("28x28", e.Message);
    }

    [Fact]
    public void A_corrupt_png_is_named_with_libpngs_reason()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("broken.png"), "this is not a png"u8.ToArray());
        var e = Assert.Throws<DataFileException>(() => ImageFolder.Load(folder.Path, [1, 28, 28]));
        Assert.Equal(folder.File("broken.png"), e.FilePath);
        Assert.Contains("libpng", e.Message);
    }

    [Fact]
    public void A_truncated_png_is_reported()
    {
        using var folder = new TempFolder();
        var noisy = new ImagePixels(28, 28, 1, Enumerable.Range(0, 784).Select(i => (byte)(i * 7919 % 251)).ToArray());
        Png.Write(folder.File("cut.png"), noisy);
        var bytes = File.ReadAllBytes(folder.File("cut.png"));
        File.WriteAllBytes(folder.File("cut.png"), bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<DataFileException>(() => ImageFolder.Load(folder.Path, [1, 28, 28]));
        Assert.Equal(folder.File("cut.png"), e.FilePath);
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
}
