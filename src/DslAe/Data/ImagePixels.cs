namespace DslAe.Data;

/// <summary>A decoded 8-bit image: interleaved pixels, row-major (height x width x channels), as image decoders produce them.</summary>
public sealed record ImagePixels(int Width, int Height, int Channels, byte[] Pixels);
