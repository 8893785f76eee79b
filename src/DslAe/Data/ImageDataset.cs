using static TorchSharp.torch;

namespace DslAe.Data;

/// <summary>
/// Images held as one float32 tensor [N, C, H, W] on the CPU, values in [0, 1], and, for a model whose target is not
/// its input, one target per image (<see cref="Targets"/>). Batches are cut from them with <c>index_select</c>
/// (shuffled) or <c>narrow</c> (in order): one copy per batch, none per sample. The dataset owns its tensors; dispose
/// it when done.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    private ImageDataset(Tensor images, string source, Tensor? targets = null)
    {
        Images = images.DetachFromDisposeScope();
        Targets = targets?.DetachFromDisposeScope();
        Source = source;
    }

    /// <summary>All images, [N, C, H, W] float32.</summary>
    public Tensor Images { get; }

    /// <summary>
    /// One target per image, or null when the target is the image itself: class labels [N] int64, per-pixel class
    /// maps [N, H, W] int64, or paired images [N, C, H', W'] float32.
    /// </summary>
    public Tensor? Targets { get; }

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

    /// <summary>
    /// A new dataset of these images with <paramref name="targets"/> (copied), one per image: int64 class labels [N] or
    /// class maps [N, H, W], or float32 images [N, C, H', W']. The images are shared, not copied (libtorch counts the
    /// references to their storage), so this dataset may be disposed at once.
    /// </summary>
    public ImageDataset WithTargets(Tensor targets)
    {
        if (targets.shape.Length == 0 || targets.shape[0] != Count)
            throw new ArgumentException($"{Source}: {(targets.shape.Length == 0 ? 0 : targets.shape[0])} targets for {Count} images; give one target per image", nameof(targets));
        using var scope = NewDisposeScope();
        var copy = targets.to(CPU, copy: true).contiguous();
        return new ImageDataset(Images.alias().DetachFromDisposeScope(), Source, copy.DetachFromDisposeScope());
    }

    /// <summary>The images at <paramref name="indices"/>, in that order, with their targets, as a new dataset.</summary>
    public ImageDataset Select(ReadOnlySpan<long> indices)
    {
        using var index = tensor(indices.ToArray(), ScalarType.Int64);
        return new ImageDataset(Images.index_select(0, index), Source, Targets?.index_select(0, index));
    }

    /// <summary>The first <paramref name="count"/> images (all when there are fewer) with their targets.</summary>
    public ImageDataset Take(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var kept = Math.Min(count, Count);
        using var view = Images.narrow(0, 0, kept);
        using var targetView = Targets?.narrow(0, 0, kept);
        return new ImageDataset(view.clone(), Source, targetView?.clone());
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

    /// <summary>The targets of the images at <paramref name="indices"/>; the images themselves when the dataset has no targets.</summary>
    public Tensor TargetBatch(Tensor indices) => (Targets ?? Images).index_select(0, indices);

    /// <summary>The targets of images <paramref name="start"/>..start+length-1 (a view); the images themselves when there are none.</summary>
    public Tensor TargetSlice(long start, long length) => (Targets ?? Images).narrow(0, start, length);

    /// <summary>Fails with a message naming the source when the images do not fit a model's input shape.</summary>
    public void EnsureShape(int[] inputShape, string model)
    {
        if (!SampleShape.SequenceEqual(inputShape))
            throw new DataFileException(Source, $"wrong dimensions: the images are {string.Join("x", SampleShape)} (channels x height x width) but {model} takes {string.Join("x", inputShape)}; use data of that size or change the model's input shape");
    }

    /// <summary>Frees the images' and the targets' tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Targets?.Dispose();
    }
}
