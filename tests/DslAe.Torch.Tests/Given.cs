namespace DslAe.Torch.Tests;

/// <summary>
/// Deterministic inputs built identically on both sides: sin(arange · 1.7 + phase) · scale, computed
/// by the same libtorch in C# and in Python, so the two sides start from bit-identical values
/// without ties (which would make max pooling and argmax ambiguous).
/// </summary>
public static class Given
{
    public static (Tensor Tensor, string Python) Wave(long[] shape, double phase = 0, double scale = 1, ScalarType dtype = ScalarType.Float32)
    {
        long n = 1;
        foreach (var s in shape) n *= s;
        using var scope = Torch.NewDisposeScope();
        var t = ((Torch.Arange(0, n, 1, ScalarType.Float64) * 1.7 + phase).Sin() * scale).To(dtype).Reshape(shape).MoveToOuterDisposeScope();
        var py = $"((torch.arange(0, {n}, 1, dtype=torch.float64) * 1.7 + {Py(phase)}).sin() * {Py(scale)}).to({PyDtype(dtype)}).reshape({string.Join(", ", shape)})";
        return (t, py);
    }

    public static string Py(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public static string PyDtype(ScalarType t) => t switch
    {
        ScalarType.Float32 => "torch.float32",
        ScalarType.Float64 => "torch.float64",
        ScalarType.Int64 => "torch.int64",
        ScalarType.Int32 => "torch.int32",
        ScalarType.UInt8 => "torch.uint8",
        ScalarType.Bool => "torch.bool",
        _ => throw new NotSupportedException(t.ToString()),
    };
}
