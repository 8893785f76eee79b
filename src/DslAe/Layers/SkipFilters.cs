using DslAe.Torch;

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
        var low = Functional.Interpolate(Functional.AvgPool2d(x, poolKernel, poolKernel), size, mode);
        return x - low;
    }
}
