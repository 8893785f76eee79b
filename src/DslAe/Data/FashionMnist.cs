namespace DslAe.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 training and 10,000 test images of 28x28 grey pixels in
/// IDX files, gzip-compressed or not. Debian's dataset-fashion-mnist package puts them in
/// <see cref="DefaultFolder"/>.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where Debian's dataset-fashion-mnist package installs the files, and where a run looks by default.</summary>
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>File name of the training images, without the optional <c>.gz</c>.</summary>
    public const string TrainImages = "train-images-idx3-ubyte";
    /// <summary>File name of the test images, without the optional <c>.gz</c>.</summary>
    public const string TestImages = "t10k-images-idx3-ubyte";

    /// <summary>File name of the test labels (class 0..9 per image), without the optional <c>.gz</c>.</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte";
    /// <summary>File name of the training labels, without the optional <c>.gz</c>.</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte";

    /// <summary>True when <paramref name="folder"/> holds the training images (compressed or not).</summary>
    public static bool IsFashionMnistFolder(string folder) => FindFile(folder, TrainImages) is not null;

    /// <summary>The training images, [60000, 1, 28, 28] in [0, 1].</summary>
    /// <param name="folder">The folder of the IDX files.</param>
    /// <param name="inputShape">When given with <paramref name="model"/>: images of another size are refused before their data is read.</param>
    /// <param name="model">The model's name, for that message.</param>
    public static ImageDataset LoadTrain(string folder, int[]? inputShape = null, string? model = null) => LoadImages(RequireFile(folder, TrainImages), inputShape, model);

    /// <summary>The test images, [10000, 1, 28, 28] in [0, 1].</summary>
    /// <param name="folder">The folder of the IDX files.</param>
    /// <param name="inputShape">When given with <paramref name="model"/>: images of another size are refused before their data is read.</param>
    /// <param name="model">The model's name, for that message.</param>
    public static ImageDataset LoadTest(string folder, int[]? inputShape = null, string? model = null) => LoadImages(RequireFile(folder, TestImages), inputShape, model);

    /// <summary>The test images' classes (0 T-shirt/top ... 9 ankle boot), one per image, in file order.</summary>
    public static byte[] LoadTestLabels(string folder) => LoadLabels(RequireFile(folder, TestLabels));

    /// <summary>The training images' classes, one per image, in file order.</summary>
    public static byte[] LoadTrainLabels(string folder) => LoadLabels(RequireFile(folder, TrainLabels));

    /// <summary>
    /// The pixel brightness above which a Fashion-MNIST pixel belongs to the garment, in [0, 1]. The images are garments
    /// on a black background; 0.1 (25.5 of 255) keeps the faint anti-aliased rim out of the garment.
    /// </summary>
    public const float ForegroundThreshold = 0.1f;

    /// <summary>The number of classes of the built-in segmentation task: background and the ten garments.</summary>
    public const int PixelClasses = 11;

    /// <summary>
    /// The built-in segmentation task made from real data: every pixel of an image is labelled 0 (background) or, where
    /// it is brighter than <see cref="ForegroundThreshold"/>, 1 + its image's class (1 T-shirt/top ... 10 ankle boot).
    /// </summary>
    /// <param name="images">[N, 1, H, W] in [0, 1].</param>
    /// <param name="labels">[N] int64 classes 0..9.</param>
    /// <returns>[N, H, W] int64 class maps with values 0..10.</returns>
    public static TorchSharp.torch.Tensor PixelLabels(TorchSharp.torch.Tensor images, TorchSharp.torch.Tensor labels)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var foreground = images.select(1, 0) > ForegroundThreshold;
        var garment = (labels + 1).reshape(-1, 1, 1).expand(-1, images.shape[2], images.shape[3]);
        return TorchSharp.torch.where(foreground, garment, TorchSharp.torch.zeros_like(garment)).MoveToOuterDisposeScope();
    }

    private static byte[] LoadLabels(string path)
    {
        var (_, labels) = IdxFile.ReadUnsignedBytes(path, dims =>
        {
            if (dims.Length != 1)
                throw new DataFileException(path, $"wrong dimensions: a labels file has one dimension (count) but this one has {dims.Length} ({string.Join("x", dims)}); is it an image file?");
        });
        return labels;
    }

    /// <summary>Images of one IDX file: rank 3 (count, rows, columns), one channel.</summary>
    /// <param name="path">The IDX file, gzip-compressed or not.</param>
    /// <param name="inputShape">When given with <paramref name="model"/>: images of another size are refused before their data is read.</param>
    /// <param name="model">The model's name, for that message.</param>
    public static ImageDataset LoadImages(string path, int[]? inputShape = null, string? model = null)
    {
        var (dims, data) = IdxFile.ReadUnsignedBytes(path, dims =>
        {
            if (dims.Length != 3)
                throw new DataFileException(path, $"wrong dimensions: an image file is count x rows x columns (3 dimensions) but this one has {dims.Length} ({string.Join("x", dims)}); is it a labels file?");
            int[] sample = [1, dims[1], dims[2]];
            if (inputShape is not null && model is not null && !sample.SequenceEqual(inputShape))
                throw new DataFileException(path, $"wrong dimensions: the images are {string.Join("x", sample)} (channels x height x width) but {model} takes {string.Join("x", inputShape)}; use data of that size or change the model's input shape");
        });
        return ImageDataset.FromBytes(data, [dims[0], 1, dims[1], dims[2]], path);
    }

    /// <summary>Where the files come from, in words a user of the package can act on.</summary>
    public const string HowToGet =
        "download train-images-idx3-ubyte.gz and t10k-images-idx3-ubyte.gz from https://github.com/zalandoresearch/fashion-mnist into a folder " +
        "and pass --data <folder> (on Debian or Ubuntu, `sudo apt-get install dataset-fashion-mnist` puts them in " + DefaultFolder + ")";

    private static string RequireFile(string folder, string name)
    {
        if (!Directory.Exists(folder))
            throw new DataFileException(folder, $"folder not found, so Fashion-MNIST cannot be read from it: {HowToGet}");
        return FindFile(folder, name)
            ?? throw new DataFileException(Path.Combine(folder, name + ".gz"), $"file not found (neither {name}.gz nor {name} is in {folder}): {HowToGet}");
    }

    private static string? FindFile(string folder, string name) =>
        new[] { name + ".gz", name }.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists);
}
