using System.Globalization;
using static TorchSharp.torch;

namespace DslAe.Tests.Engine;

/// <summary>
/// Deterministic inputs built identically on both sides: sin(i · 1.7 + phase) · scale, computed once in .NET and
/// handed to Python as the exact float64 literals, then rounded to the dtype on each side. So both start from
/// bit-identical values, without ties (which would make max pooling and argmax ambiguous).
/// </summary>
public static class Given
{
    public static (Tensor Tensor, string Python) Wave(long[] shape, double phase = 0, double scale = 1, ScalarType dtype = ScalarType.Float32)
    {
        var values = Values(shape, phase, scale);
        using var scope = NewDisposeScope();
        var t = tensor(values, shape).to(dtype).MoveToOuterDisposeScope();
        return (t, $"torch.tensor({List(values)}, dtype=torch.float64).reshape({Shape(shape)}).to({PyDtype(dtype)})");
    }

    /// <summary>The raw values of <see cref="Wave"/> in float64, row-major.</summary>
    public static double[] Values(long[] shape, double phase = 0, double scale = 1)
    {
        var n = shape.Aggregate(1L, (a, b) => a * b);
        var values = new double[n];
        for (var i = 0; i < n; i++) values[i] = Math.Sin(i * 1.7 + phase) * scale;
        return values;
    }

    /// <summary>Copies a wave into a module's parameter (under no_grad) and returns the same values as Python.</summary>
    public static string Into(Tensor parameter, double phase, double scale = 0.5)
    {
        var (w, py) = Wave(parameter.shape, phase, scale, parameter.dtype);
        using (no_grad()) parameter.copy_(w);
        w.Dispose();
        return py;
    }

    public static string Py(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string List(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(Py)) + "]";

    public static string Shape(long[] shape) => shape.Length == 0 ? "()" : "(" + string.Join(", ", shape) + ",)";

    public static string PyDtype(ScalarType t) => t switch
    {
        ScalarType.Float32 => "torch.float32",
        ScalarType.Float64 => "torch.float64",
        ScalarType.Float16 => "torch.float16",
        ScalarType.BFloat16 => "torch.bfloat16",
        ScalarType.Int64 => "torch.int64",
        ScalarType.Int32 => "torch.int32",
        ScalarType.Byte => "torch.uint8",
        ScalarType.Bool => "torch.bool",
        _ => throw new NotSupportedException(t.ToString()),
    };
}
