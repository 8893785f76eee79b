using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DslAe;

/// <summary>
/// The Laplacian pyramid of Burt &amp; Adelson (1983) and the loss built on it (as in GLO's Lap1).
/// REDUCE blurs with w = ŵ ⊗ ŵ, ŵ = [1, 4, 6, 4, 1] / 16, under reflect padding of 2, and keeps every second row and
/// column. EXPAND inserts zeros between samples and blurs with 4·w, written as one transposed convolution
/// (stride 2, padding 2) whose output padding restores the finer level's exact size, odd sizes included.
/// Band l is G_l − EXPAND(G_{l+1}); the last of <c>levels</c> bands is the low-pass G itself.
/// </summary>
public static class LaplacianPyramid
{
    private static readonly float[] Kernel = BuildKernel();

    /// <summary>The <paramref name="levels"/> bands of <paramref name="x"/> (N, C, H, W), finest first.</summary>
    public static IReadOnlyList<Tensor> Bands(Tensor x, int levels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        var shape = x.shape;
        // Every channel is filtered alike: fold channels into the batch and use one 1-channel kernel.
        var g = x.reshape(-1, 1, shape[2], shape[3]);
        using var w = tensor(Kernel, [1, 1, 5, 5]).to(x.dtype, x.device);
        using var w4 = w * 4.0;
        var bands = new List<Tensor>(levels);
        for (var level = 0; level < levels - 1; level++)
        {
            var reduced = F.conv2d(F.pad(g, [2, 2, 2, 2], PaddingModes.Reflect), w, strides: [2, 2]);
            var (h, wd) = (g.shape[2], g.shape[3]);
            var (rh, rw) = (reduced.shape[2], reduced.shape[3]);
            // conv_transpose2d gives 2m − 1 + output_padding; pick the output padding that lands on the finer size.
            var expanded = F.conv_transpose2d(reduced, w4, strides: [2, 2], padding: [2, 2], output_padding: [h - 2 * rh + 1, wd - 2 * rw + 1]);
            bands.Add(Unfold(g - expanded, shape));
            g = reduced;
        }

        bands.Add(Unfold(g, shape));
        return bands;
    }

    /// <summary>Σ over bands of the mean absolute difference: proportional to GLO's Lap1 = Σ_j 2^{2j}·‖L^j(x) − L^j(y)‖₁.</summary>
    public static Tensor Loss(Tensor output, Tensor target, int levels)
    {
        // The pyramid is linear, so the pyramid of the difference is the difference of the pyramids: build one.
        var bands = Bands(output - target, levels);
        var total = bands[0].abs().mean();
        for (var i = 1; i < bands.Count; i++)
        {
            total = total + bands[i].abs().mean();
        }

        return total;
    }

    private static Tensor Unfold(Tensor folded, long[] shape) => folded.reshape(shape[0], shape[1], folded.shape[2], folded.shape[3]);

    private static float[] BuildKernel()
    {
        float[] taps = [1, 4, 6, 4, 1];
        var kernel = new float[25];
        for (var i = 0; i < 5; i++)
            for (var j = 0; j < 5; j++)
                kernel[i * 5 + j] = taps[i] * taps[j] / 256f;
        return kernel;
    }
}
