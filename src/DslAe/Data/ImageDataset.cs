using static TorchSharp.torch;

namespace DslAe.Data;

/// <summary>
/// Images held as one float32 tensor [N, C, H, W] on the CPU, values in [0, 1]. Batches are cut from it with
/// <c>index_select</c> (shuffled) or <c>narrow</c> (in order): one copy per batch, none per sample.
/// The dataset owns its tensor; dispose it when done.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    private ImageDataset(Tensor images, string source)
    {
        Images = images.DetachFromDisposeScope();
        Source = source;
    }

    /// <summary>All images, [N, C, H, W] float32.</summary>
    public Tensor Images { get; }

    /// <summary>Where the images came from (a file, a folder, "in-memory"), for messages and reports.</summary>
    public string Source { get; }

    /// <summary>Number of images, N.</summary>
    public long Count => Images.size(0);

    /// <summary>One image's shape: channels, height, width.</summary>
    public int[] SampleShape => Images.shape.Skip(1).Select(s => (int)s).ToArray();

    /// <summary>
    /// A dataset over an in-memory tensor, copied: [N, C, H, W] or [N, H, W] (one channel). Unsigned bytes are
    /// scaled to [0, 1]; floating-point values are taken as they are (they should already lie in [0, 1]).
    /// </summary>
    public static ImageDataset FromTensor(Tensor images, string source = "in-memory")
    {
        if (images.dim() is not (3 or 4))
            throw new ArgumentException($"images must be [N, C, H, W] or [N, H, W]; got shape [{string.Join(", ", images.shape)}]", nameof(images));
        using var scope = NewDisposeScope();
        var batched = images.dim() == 3 ? images.unsqueeze(1) : images;
        var floats = images.dtype == ScalarType.Byte
            ? batched.to(ScalarType.Float32, CPU) / 255.0
            : batched.to(ScalarType.Float32, CPU, copy: true);
        return new ImageDataset(floats.contiguous().DetachFromDisposeScope(), source);
    }

    /// <summary>Unsigned-byte pixels [N, C, H, W] scaled to [0, 1].</summary>
    public static ImageDataset FromBytes(byte[] pixels, int[] shape, string source)
    {
        using var raw = tensor(pixels, shape.Select(s => (long)s).ToArray(), ScalarType.Byte);
        return FromTensor(raw, source);
    }

    /// <summary>The images at <paramref name="indices"/>, in that order, as a new dataset.</summary>
    public ImageDataset Select(ReadOnlySpan<long> indices)
    {
        using var index = tensor(indices.ToArray(), ScalarType.Int64);
        return new ImageDataset(Images.index_select(0, index), Source);
    }

    /// <summary>The first <paramref name="count"/> images (all when there are fewer).</summary>
    public ImageDataset Take(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        using var view = Images.narrow(0, 0, Math.Min(count, Count));
        return new ImageDataset(view.clone(), Source);
    }

    /// <summary>
    /// A seeded random split: <paramref name="validationFraction"/> of the images (at least one) go to the
    /// validation set, the rest to the training set. The same seed always gives the same split.
    /// </summary>
    public (ImageDataset Train, ImageDataset Validation) Split(double validationFraction, int seed)
    {
        if (validationFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "the validation fraction must lie strictly between 0 and 1");
        if (Count < 2) throw new InvalidOperationException($"{Source}: {Count} image(s) cannot be split into training and validation sets; add images");
        var order = SeededShuffle.Permutation(Count, seed, stream: SeededShuffle.SplitStream);
        var validation = Math.Clamp((long)Math.Round(Count * validationFraction), 1, Count - 1);
        var validationIndices = order.AsSpan(0, (int)validation);
        var trainIndices = order.AsSpan((int)validation);
        // Sorted so each subset keeps the source order: shuffling is the trainer's job, per epoch.
        validationIndices.Sort();
        trainIndices.Sort();
        return (Select(trainIndices), Select(validationIndices));
    }

    /// <summary>The images at <paramref name="indices"/> (int64, on the CPU) as one batch tensor.</summary>
    public Tensor Batch(Tensor indices) => Images.index_select(0, indices);

    /// <summary>Images <paramref name="start"/>..start+length-1 as one batch tensor (a view, no copy).</summary>
    public Tensor Slice(long start, long length) => Images.narrow(0, start, length);

    /// <summary>Fails with a message naming the source when the images do not fit a model's input shape.</summary>
    public void EnsureShape(int[] inputShape, string model)
    {
        if (!SampleShape.SequenceEqual(inputShape))
            throw new DataFileException(Source, $"wrong dimensions: the images are {string.Join("x", SampleShape)} (channels x height x width) but {model} takes {string.Join("x", inputShape)}; use data of that size or change the model's input shape");
    }

    /// <summary>Frees the images' tensor.</summary>
    public void Dispose() => Images.Dispose();
}
