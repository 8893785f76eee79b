using DslAe.Data;

namespace DslAe.Tests;

/// <summary>Fashion-MNIST images shared by the tests (loaded once) and temporary folders that clean up.</summary>
internal static class TestData
{
    private static readonly Lazy<ImageDataset> FashionTrain = new(() =>
    {
        using var all = FashionMnist.LoadTrain(FashionMnist.DefaultFolder);
        return all.Take(8000);
    });

    /// <summary>The first 8000 Fashion-MNIST training images.</summary>
    public static ImageDataset Fashion => FashionTrain.Value;

    /// <summary>A split of fresh copies: the first <paramref name="train"/> images to train, the next <paramref name="validation"/> to validate.</summary>
    public static DataSplit Split(int train, int validation)
    {
        var order = Enumerable.Range(0, train + validation).Select(i => (long)i).ToArray();
        return new DataSplit(Fashion.Select(order.AsSpan(0, train)), Fashion.Select(order.AsSpan(train)), null);
    }
}

/// <summary>Writes a small Fashion-MNIST folder (gzip IDX files) from the shared images, for fast command-line runs.</summary>
internal static class SmallFashionMnist
{
    public static void Write(string folder, int train, int test)
    {
        Directory.CreateDirectory(folder);
        WriteImages(Path.Combine(folder, FashionMnist.TrainImages + ".gz"), 0, train);
        WriteImages(Path.Combine(folder, FashionMnist.TestImages + ".gz"), train, test);
        WriteLabels(Path.Combine(folder, FashionMnist.TrainLabels + ".gz"), TrainLabels.Take(train).ToArray());
        WriteLabels(Path.Combine(folder, FashionMnist.TestLabels + ".gz"), TrainLabels.Skip(train).Take(test).ToArray());
    }

    /// <summary>Fashion-MNIST's training labels: the classes of the images <see cref="TestData.Fashion"/> holds.</summary>
    public static byte[] TrainLabels => trainLabels.Value;

    private static readonly Lazy<byte[]> trainLabels = new(() => IdxFile.ReadUnsignedBytes(Path.Combine(FashionMnist.DefaultFolder, "train-labels-idx1-ubyte.gz")).Data);

    private static void WriteLabels(string path, byte[] labels)
    {
        using var file = File.Create(path);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest);
        gzip.Write([0, 0, 0x08, 1]);
        var n = labels.Length;
        gzip.Write([(byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
        gzip.Write(labels);
    }

    private static void WriteImages(string path, int start, int count)
    {
        var pixels = TestData.Fashion.Slice(start, count).contiguous().data<float>().ToArray().Select(v => (byte)Math.Round(v * 255)).ToArray();
        using var file = File.Create(path);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest);
        gzip.Write([0, 0, 0x08, 3]);
        foreach (var d in new[] { count, 28, 28 }) gzip.Write([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        gzip.Write(pixels);
    }
}

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dslae-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
