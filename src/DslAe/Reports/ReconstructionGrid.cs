using DslAe.Data;
using static TorchSharp.torch;

namespace DslAe.Reports;

/// <summary>
/// A PNG grid comparing images: one row per tensor (inputs on top, reconstructions below), one column per
/// sample, each pixel enlarged to <c>scale</c>x<c>scale</c> and a light gutter between tiles. One channel is
/// written grey, three as RGB; other channel counts show their first channel.
/// </summary>
public static class ReconstructionGrid
{
    private const int Gutter = 2;
    private const byte GutterValue = 255;

    /// <summary>What the rows of a run's grid are for a model with <paramref name="target"/> (<c>Evaluator.PreviewRows</c>).</summary>
    public static string Caption(TargetDescription target) => target.Kind switch
    {
        TargetKind.Image => "Rows: the input upsampled bicubically (the baseline), the model's output, the target",
        TargetKind.PixelLabels => $"Rows: the input, the target class map, the predicted class map (grey level: class / {target.Classes - 1}, background black)",
        _ => "Top row: the model's inputs; bottom row: its outputs",
    };

    /// <summary>Writes the grid of <paramref name="rows"/> as a PNG file at <paramref name="path"/>.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="rows">One [N, C, H, W] tensor per row, all of one shape, values in [0, 1] (clamped).</param>
    /// <param name="scale">How many pixels of the grid each image pixel becomes, across and down.</param>
    public static void Write(string path, IReadOnlyList<Tensor> rows, int scale = 3)
    {
        if (rows.Count == 0) throw new ArgumentException("a grid needs at least one row of images", nameof(rows));
        var shape = rows[0].shape;
        if (shape.Length != 4 || rows.Any(r => !r.shape.SequenceEqual(shape)))
            throw new ArgumentException("every row must be an [N, C, H, W] tensor of one shape");
        var (count, channels, height, width) = ((int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);
        var outChannels = channels == 3 ? 3 : 1;
        var tileW = width * scale;
        var tileH = height * scale;
        var gridW = count * tileW + (count + 1) * Gutter;
        var gridH = rows.Count * tileH + (rows.Count + 1) * Gutter;
        var pixels = new byte[gridW * gridH * outChannels];
        Array.Fill(pixels, GutterValue);
        for (var r = 0; r < rows.Count; r++)
        {
            var values = ToBytes(rows[r], outChannels);
            for (var n = 0; n < count; n++)
                for (var y = 0; y < tileH; y++)
                    for (var x = 0; x < tileW; x++)
                        for (var c = 0; c < outChannels; c++)
                        {
                            var source = ((n * outChannels + c) * height + y / scale) * width + x / scale;
                            var gx = Gutter + n * (tileW + Gutter) + x;
                            var gy = Gutter + r * (tileH + Gutter) + y;
                            pixels[(gy * gridW + gx) * outChannels + c] = values[source];
                        }
        }
        ImageFile.WritePng(path, new ImagePixels(gridW, gridH, outChannels, pixels));
    }

    /// <summary>[N, C, H, W] values in [0, 1] to bytes (N, C', H, W) with C' the written channels.</summary>
    private static byte[] ToBytes(Tensor images, int outChannels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var picked = images.size(1) == outChannels ? images : images.narrow(1, 0, 1);
        var scaled = (picked.detach().to(ScalarType.Float32, CPU).clamp(0, 1) * 255).round();
        return scaled.to(ScalarType.Byte).contiguous().data<byte>().ToArray();
    }
}
