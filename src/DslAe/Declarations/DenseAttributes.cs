namespace DslAe;

/// <summary>Flattens C x H x W into one feature vector.</summary>
public sealed class FlattenAttribute : StageAttribute;

/// <summary>Fully connected layer with <paramref name="features"/> outputs.</summary>
public sealed class DenseAttribute(int features) : StageAttribute
{
    public int Features { get; } = features;
    public bool Bias { get; set; }
    /// <summary>Use the transpose of this encoder dense stage's weight.</summary>
    public string? TiedTo { get; set; }
}

/// <summary>Reshapes a feature vector into <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/>.</summary>
public sealed class UnflattenAttribute(int channels, int height, int width) : StageAttribute
{
    public int Channels { get; } = channels;
    public int Height { get; } = height;
    public int Width { get; } = width;
}
