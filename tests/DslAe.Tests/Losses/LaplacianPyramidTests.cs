using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using static TorchSharp.torch;

namespace DslAe.Tests.Losses;

/// <summary>
/// The Laplacian pyramid against an independent construction in Debian's PyTorch: EXPAND written literally as zero
/// insertion plus a zero-padded 4·w blur (our code uses one transposed convolution), on odd and even sizes.
/// </summary>
public sealed class LaplacianPyramidTests
{
    private const string Reference = """
        import json, math, torch
        import torch.nn.functional as F
        x = torch.tensor([math.sin(0.37 * i) + 0.1 * (i % 7) for i in range(2 * 3 * 13 * 10)], dtype=torch.float64).reshape(2, 3, 13, 10)
        t = torch.tensor([1., 4., 6., 4., 1.], dtype=torch.float64) / 16
        w = torch.outer(t, t).reshape(1, 1, 5, 5)
        g = x.reshape(-1, 1, 13, 10)
        bands = []
        for level in range(2):
            r = F.conv2d(F.pad(g, (2, 2, 2, 2), mode="reflect"), w, stride=2)
            z = torch.zeros(r.shape[0], 1, 2 * r.shape[2], 2 * r.shape[3], dtype=torch.float64)
            z[:, :, ::2, ::2] = r
            e = F.conv2d(z, 4 * w, padding=2)[:, :, :g.shape[2], :g.shape[3]]
            bands.append(g - e)
            g = r
        bands.append(g)
        print(json.dumps([{"shape": list(b.shape), "data": b.flatten().tolist()} for b in bands]))
        """;

    [Fact]
    public void Bands_equal_zero_insertion_and_blur_on_odd_sizes()
    {
        var expected = RunPython(Reference);
        var values = Enumerable.Range(0, 2 * 3 * 13 * 10).Select(i => Math.Sin(0.37 * i) + 0.1 * (i % 7)).ToArray();
        using var scope = NewDisposeScope();
        var x = tensor(values, [2, 3, 13, 10]);

        var bands = LaplacianPyramid.Bands(x, 3);

        Assert.Equal(expected.Count, bands.Count);
        for (var i = 0; i < bands.Count; i++)
        {
            var (shape, data) = expected[i];
            Assert.Equal(shape[0] * shape[1], bands[i].shape[0] * bands[i].shape[1]);
            Assert.Equal(shape[2..], bands[i].shape[2..]);
            var actual = bands[i].contiguous().data<double>().ToArray();
            for (var j = 0; j < data.Length; j++)
                Assert.True(Math.Abs(actual[j] - data[j]) < 1e-9, $"band {i} value {j}: expected {data[j]}, received {actual[j]}");
        }
    }

    [Fact]
    public void Loss_is_zero_for_equal_images_and_positive_otherwise()
    {
        using var scope = NewDisposeScope();
        var a = rand(2, 1, 28, 28);
        var b = rand(2, 1, 28, 28);

        Assert.Equal(0.0, LaplacianPyramid.Loss(a, a, 3).item<float>(), 6);
        Assert.True(LaplacianPyramid.Loss(a, b, 3).item<float>() > 0.01);
    }

    private static List<(long[] Shape, double[] Data)> RunPython(string code)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(code);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "python3-torch reference failed (install python3-torch or run ./build.sh): " + error);
        return JsonDocument.Parse(output).RootElement.EnumerateArray()
            .Select(b => (b.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                          b.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray()))
            .ToList();
    }
}
