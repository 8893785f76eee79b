using System.Runtime.InteropServices;
using DslAe.Data;

namespace DslAe.Tests;

/// <summary>
/// JPEG through libjpeg-turbo when libturbojpeg0 is installed; without it, the error must say what to install.
/// Either way something real is checked.
/// </summary>
public class JpegTests
{
    private static bool HaveTurboJpeg => NativeLibrary.TryLoad("libturbojpeg.so.0", out _);

    [Fact]
    public void Jpeg_images_in_a_folder_load_beside_png_images_or_the_missing_library_is_named()
    {
        using var folder = new TempFolder();
        var gradient = new ImagePixels(28, 28, 1, Enumerable.Range(0, 784).Select(i => (byte)(i % 28 * 9)).ToArray());
        Png.Write(folder.File("a.png"), gradient);
        if (!HaveTurboJpeg)
        {
            File.WriteAllBytes(folder.File("b.jpg"), [0xFF, 0xD8, 0xFF]);
            var missing = Assert.Throws<DllNotFoundException>(() => ImageFolder.Load(folder.Path, [1, 28, 28]));
            Assert.Contains("libturbojpeg0", missing.Message);
            return;
        }
        Jpeg.Write(folder.File("b.jpg"), gradient, quality: 100);
        using var data = ImageFolder.Load(folder.Path, [1, 28, 28]);
        Assert.Equal([2L, 1, 28, 28], data.Images.Shape);
        var values = data.Images.ToArray<float>();
        // Lossy, but at quality 100 within a few grey levels of the PNG copy.
        for (var i = 0; i < 784; i++) Assert.InRange(values[784 + i] - values[i], -3 / 255f, 3 / 255f);
    }

    [Fact]
    public void A_corrupt_jpeg_is_named_with_libjpeg_turbos_reason()
    {
        if (!HaveTurboJpeg) return; // covered by the test above: the missing library is reported
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("bad.jpg"), "not a jpeg at all"u8.ToArray());
        var e = Assert.Throws<DataFileException>(() => ImageFolder.Load(folder.Path, [1, 28, 28]));
        Assert.Equal(folder.File("bad.jpg"), e.FilePath);
        Assert.Contains("libjpeg-turbo", e.Message);
    }
}
