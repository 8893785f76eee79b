namespace DslAe.Torch.Tests;

/// <summary>Comparisons of our tensors with PyTorch's results, failing with the first differing element.</summary>
public static class Expect
{
    public static void Close(Tensor actual, (long[] Shape, double[] Data) expected, double tolerance = 1e-5, string what = "")
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Close(actual.ToArray<double>(), expected.Data, tolerance, what);
    }

    public static void Close(Tensor actual, string pythonSnippet, double tolerance = 1e-5) =>
        Close(actual, PythonReference.RunTensor(pythonSnippet), tolerance, pythonSnippet);

    public static void Close(double[] actual, double[] expected, double tolerance, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            var limit = tolerance * Math.Max(1, Math.Abs(expected[i]));
            if (!(Math.Abs(actual[i] - expected[i]) <= limit) && !(double.IsNaN(actual[i]) && double.IsNaN(expected[i])))
                Assert.Fail($"element {i}: ours {actual[i]:R}, PyTorch {expected[i]:R} (tolerance {limit:G3}) {what}");
        }
    }
}
