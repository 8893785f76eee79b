using System.IO.Compression;
using DslAe.Data;

namespace DslAe.Tests;

public class IdxFileTests
{
    [Fact]
    public void Fashion_mnist_training_images_load_as_60000_grey_28x28_images_in_unit_range()
    {
        using var train = FashionMnist.LoadTrain(FashionMnist.DefaultFolder);
        Assert.Equal([60000L, 1, 28, 28], train.Images.shape);
        Assert.Equal(0f, train.Images.min().item<float>());
        Assert.Equal(1f, train.Images.max().item<float>());
    }

    [Fact]
    public void A_missing_file_is_named_with_the_fix()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<DataFileException>(() => FashionMnist.LoadTrain(folder.Path));
        Assert.Contains("train-images-idx3-ubyte", e.FilePath);
        Assert.Contains("file not found", e.Message);
        Assert.Contains("--data", e.Message);
        Assert.Contains("https://github.com/zalandoresearch/fashion-mnist", e.Message);
        Assert.DoesNotContain("build.sh", e.Message);
    }

    [Fact]
    public void A_bad_magic_number_is_reported_with_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("train-images-idx3-ubyte");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 1]);
        var e = Assert.Throws<DataFileException>(() => FashionMnist.LoadTrain(folder.Path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("bad magic number 0x504B0304", e.Message);
    }

    [Fact]
    public void Truncated_data_says_how_much_is_missing()
    {
        using var folder = new TempFolder();
        var path = folder.File("images.gz");
        WriteGzip(path, Header(3, 10, 28, 28).Concat(new byte[100]).ToArray());
        var e = Assert.Throws<DataFileException>(() => FashionMnist.LoadImages(path));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("10x28x28 = 7840 bytes", e.Message);
        Assert.Contains("holds 100", e.Message);
    }

    [Fact]
    public void A_cut_gzip_stream_is_reported_as_corrupt_or_truncated()
    {
        using var folder = new TempFolder();
        var path = folder.File("images.gz");
        WriteGzip(path, Header(3, 10, 28, 28).Concat(new byte[7840]).ToArray());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<DataFileException>(() => FashionMnist.LoadImages(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("gzip", e.Message);
    }

    [Fact]
    public void A_labels_file_given_as_images_has_the_wrong_dimensions()
    {
        var labels = Path.Combine(FashionMnist.DefaultFolder, "train-labels-idx1-ubyte.gz");
        var e = Assert.Throws<DataFileException>(() => FashionMnist.LoadImages(labels));
        Assert.Contains("wrong dimensions", e.Message);
        Assert.Contains("labels file", e.Message);
    }

    [Fact]
    public void Images_of_another_size_than_the_model_takes_are_refused()
    {
        using var folder = new TempFolder();
        var path = folder.File("train-images-idx3-ubyte");
        File.WriteAllBytes(path, Header(3, 4, 32, 32).Concat(new byte[4 * 32 * 32]).ToArray());
        File.Copy(path, folder.File("t10k-images-idx3-ubyte"));
        var settings = TinyAe.Definition.Training with { DataPath = folder.Path };
        var e = Assert.Throws<DataFileException>(() => DataSources.Load(settings, [1, 28, 28], "TinyAe"));
        Assert.Contains("1x32x32", e.Message);
        Assert.Contains("TinyAe takes 1x28x28", e.Message);
    }

    [Fact]
    public void The_validation_split_is_seeded_disjoint_and_in_proportion()
    {
        using var data = ImageDataset.FromTensor(TorchSharp.torch.arange(0, 100, 1, TorchSharp.torch.float32).reshape(100, 1, 1, 1));
        var (train1, val1) = data.Split(0.2, seed: 5);
        var (train2, val2) = data.Split(0.2, seed: 5);
        var (_, val3) = data.Split(0.2, seed: 6);
        using (train1) using (val1) using (train2) using (val2) using (val3)
        {
            Assert.Equal(80, train1.Count);
            Assert.Equal(20, val1.Count);
            Assert.Equal(val1.Images.data<float>().ToArray(), val2.Images.data<float>().ToArray());
            Assert.NotEqual(val1.Images.data<float>().ToArray(), val3.Images.data<float>().ToArray());
            var all = train1.Images.data<float>().ToArray().Concat(val1.Images.data<float>().ToArray()).Order();
            Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), all);
        }
    }

    [Fact]
    public void Limit_keeps_that_many_training_images_and_a_validation_set_in_proportion()
    {
        var settings = TinyAe.Definition.Training;
        using var data = DataSources.Load(settings, [1, 28, 28], "TinyAe", limit: 900);
        Assert.Equal(900, data.Train.Count);
        Assert.Equal(100, data.Validation.Count);
        Assert.Equal(900, data.Test!.Count);           // the test set is bounded too
    }

    private static byte[] Header(byte rank, params int[] dims) =>
        new byte[] { 0, 0, 0x08, rank }.Concat(dims.SelectMany(d => new[] { (byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d })).ToArray();

    private static void WriteGzip(string path, byte[] content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(content);
    }
}
