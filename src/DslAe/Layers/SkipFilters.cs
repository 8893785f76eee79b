using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DslAe;

/// <summary>Filters applied to skip connections by generated code.</summary>
public static class SkipFilters
{
    /// <summary>
    /// The high-frequency part of <paramref name="x"/>: <c>x - interpolate(avg_pool2d(x, k, k), size)</c>. The low
    /// frequencies are removed so they must cross the bottleneck (docs/shapes.md gives the shapes).
    /// </summary>
    public static Tensor HighPass(Tensor x, long poolKernel, (long H, long W) size, InterpolationMode mode)
    {
        // align_corners is given for the interpolating modes: libtorch warns on every call that leaves it unset.
        var align = mode is InterpolationMode.Nearest or InterpolationMode.NearestExact ? (bool?)null : false;
        var low = F.interpolate(F.avg_pool2d(x, [poolKernel, poolKernel], [poolKernel, poolKernel]), [size.H, size.W], mode: mode, align_corners: align);
        return x - low;
    }
}
