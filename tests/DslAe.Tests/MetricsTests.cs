using System.Diagnostics;
using System.Globalization;
using DslAe.Metrics;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DslAe.Tests;

public class MetricsTests
{
    [Fact]
    public void Ssim_matches_an_independent_pytorch_computation_on_fashion_mnist_images_and_noisy_copies()
    {
        using var scope = NewDisposeScope();
        using (manual_seed(1)) { }
        var clean = TestData.Fashion.Slice(0, 6).clone();
        var noisy = (clean + randn_like(clean) * 0.1).clamp(0, 1);
        // One blurred pair too: structure lost without noise.
        var blurred = F.avg_pool2d(clean, [3, 3], [1, 1], [1, 1]);
        var a = cat([clean, clean], 0);
        var b = cat([noisy, blurred], 0);

        var ours = ImageMetrics.SsimPerImage(b, a).data<float>().ToArray();
        var reference = PythonSsim(b, a);

        Assert.Equal(12, reference.Length);
        for (var i = 0; i < ours.Length; i++) Assert.Equal(reference[i], ours[i], 4);
        // The pairs are far from identical, so agreement is not trivial.
        Assert.All(ours, v => Assert.InRange(v, 0.2, 0.99));
    }

    [Fact]
    public void Identical_images_have_ssim_one_and_infinite_psnr()
    {
        using var scope = NewDisposeScope();
        var x = TestData.Fashion.Slice(0, 4);
        Assert.All(ImageMetrics.SsimPerImage(x, x).data<float>().ToArray(), v => Assert.Equal(1, v, 5));
        Assert.All(ImageMetrics.MsePerImage(x, x).data<float>().ToArray(), v => Assert.Equal(0, v));
        Assert.Equal(double.PositiveInfinity, ImageMetrics.Psnr(0));
    }

    [Fact]
    public void Psnr_is_ten_log10_of_one_over_mse()
    {
        Assert.Equal(20, ImageMetrics.Psnr(0.01), 10);
        Assert.Equal(30, ImageMetrics.Psnr(0.001), 10);
    }

    [Fact]
    public void The_accumulator_weights_batches_by_their_size()
    {
        var acc = new MetricAccumulator();
        acc.AddLoss(1.0, [new("mse", 1.0)], 3);
        acc.AddLoss(3.0, [new("mse", 3.0)], 1);
        acc.AddImages([0.01f, 0.01f, 0.01f], [0.5f, 0.5f, 0.5f]);
        acc.AddImages([0.05f], [0.9f]);
        var r = acc.Result();
        Assert.Equal(1.5, r.Loss, 10);
        Assert.Equal(1.5, r.Terms["mse"], 10);
        Assert.Equal(0.02, r.Mse, 6);
        Assert.Equal(0.6, r.Ssim, 6);
        Assert.Equal(4, r.Samples);
    }

    private static double[] PythonSsim(Tensor a, Tensor b)
    {
        using var folder = new TempFolder();
        WriteFloats(folder.File("a.f32"), a);
        WriteFloats(folder.File("b.f32"), b);
        var script = Path.Combine(AppContext.BaseDirectory, "reference", "ssim_reference.py");
        var shape = string.Join(" ", a.shape);
        var start = new ProcessStartInfo("/usr/bin/python3", $"{script} {folder.File("a.f32")} {folder.File("b.f32")} {shape}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEnd();
        var stderr = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, $"the reference script failed (Debian's python3-torch is needed; ./build.sh installs it): {stderr}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
    }

    private static void WriteFloats(string path, Tensor t)
    {
        var values = t.contiguous().data<float>().ToArray();
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(path, bytes);
    }
}
