namespace DslAe;

/// <summary>Flattens C x H x W into one feature vector.</summary>
public sealed class FlattenAttribute : StageAttribute;

/// <summary>Fully connected layer with <paramref name="features"/> outputs.</summary>
/// <param name="features">Output features; the stage reads a vector (DSLAE022: insert a <see cref="FlattenAttribute"/>).</param>
public sealed class DenseAttribute(int features) : StageAttribute
{
    /// <summary>Output features.</summary>
    public int Features { get; } = features;
    /// <summary>Learn a bias; default true.</summary>
    public bool Bias { get; set; }
    /// <summary>Use the transpose of this encoder dense stage's weight.</summary>
    public string? TiedTo { get; set; }
}

/// <summary>Reshapes a feature vector into <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/>.</summary>
/// <param name="channels">Channels of the image.</param>
/// <param name="height">Height of the image.</param>
/// <param name="width">Width of the image; channels x height x width must equal the vector's length (DSLAE023).</param>
public sealed class UnflattenAttribute(int channels, int height, int width) : StageAttribute
{
    /// <summary>Channels of the image.</summary>
    public int Channels { get; } = channels;
    /// <summary>Height of the image.</summary>
    public int Height { get; } = height;
    /// <summary>Width of the image.</summary>
    public int Width { get; } = width;
}
