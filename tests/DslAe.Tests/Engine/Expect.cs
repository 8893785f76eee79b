using static TorchSharp.torch;

namespace DslAe.Tests.Engine;

/// <summary>Comparisons of our tensors with PyTorch's results, failing with the first differing element.</summary>
public static class Expect
{
    /// <summary>The values of any tensor, in float64, row-major.</summary>
    public static double[] Values(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.detach().cpu().to(ScalarType.Float64).contiguous().data<double>().ToArray();
    }

    public static void Close(Tensor actual, (long[] Shape, double[] Data) expected, double tolerance = 1e-5, string what = "")
    {
        Assert.True(expected.Shape.SequenceEqual(actual.shape), $"shape: ours [{string.Join(", ", actual.shape)}], PyTorch [{string.Join(", ", expected.Shape)}] {what}");
        Close(Values(actual), expected.Data, tolerance, what);
    }

    public static void Close(Tensor actual, string pythonSnippet, double tolerance = 1e-5) =>
        Close(actual, PythonReference.RunTensor(pythonSnippet), tolerance, "\n--- PyTorch ---\n" + Shorten(pythonSnippet));

    /// <summary>|actual − expected| ≤ tolerance · max(1, |expected|) element by element (relative above 1, absolute below).</summary>
    public static void Close(double[] actual, double[] expected, double tolerance, string what = "")
    {
        Assert.True(expected.Length == actual.Length, $"length: ours {actual.Length}, expected {expected.Length} {what}");
        for (var i = 0; i < actual.Length; i++)
        {
            var limit = tolerance * Math.Max(1, Math.Abs(expected[i]));
            if (!(Math.Abs(actual[i] - expected[i]) <= limit) && !(double.IsNaN(actual[i]) && double.IsNaN(expected[i])))
                Assert.Fail($"element {i}: ours {actual[i]:R}, expected {expected[i]:R} (tolerance {limit:G3}) {what}");
        }
    }

    /// <summary>Bitwise-equal values (compared as float64, exact for every dtype used here).</summary>
    public static void Same(Tensor expected, Tensor actual, string what = "")
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"shape: expected [{string.Join(", ", expected.shape)}], got [{string.Join(", ", actual.shape)}] {what}");
        Assert.True(expected.dtype == actual.dtype, $"dtype: expected {expected.dtype}, got {actual.dtype} {what}");
        var (e, a) = (Values(expected), Values(actual));
        for (var i = 0; i < e.Length; i++)
            if (!e[i].Equals(a[i])) Assert.Fail($"element {i}: expected {e[i]:R}, got {a[i]:R} {what}");
    }

    // Snippets carry their inputs as long literal lists; a failure message needs the code, not every number.
    private static string Shorten(string snippet) =>
        System.Text.RegularExpressions.Regex.Replace(snippet, @"\[[-0-9., eE]{200,}\]", "[…]");
}
