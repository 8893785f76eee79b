using System.Globalization;

namespace DslAe.Model
{
    /// <summary>
    /// The shape of one sample (batch dimension excluded): an image <c>C x H x W</c>, or a vector of
    /// <see cref="Features"/> values after a Flatten or Dense stage (stored as <c>n x 1 x 1</c> with
    /// <see cref="IsVector"/> set, so an image 8x1x1 and a vector of 8 stay distinct).
    /// </summary>
    /// <param name="Channels">Channels of an image, or the length of a vector.</param>
    /// <param name="Height">Rows (1 for a vector).</param>
    /// <param name="Width">Columns (1 for a vector).</param>
    /// <param name="IsVector">True for a flat feature vector.</param>
    public readonly record struct Shape(int Channels, int Height, int Width, bool IsVector = false)
    {
        /// <summary>A flat vector of <paramref name="features"/> values.</summary>
        public static Shape Vector(int features) => new(features, 1, 1, true);

        /// <summary>Number of values in one sample.</summary>
        public long Features => (long)Channels * Height * Width;

        /// <summary>"HxW" (or the length of a vector): the part that skips and mirrors compare.</summary>
        public string Spatial => IsVector
            ? Channels.ToString(CultureInfo.InvariantCulture)
            : string.Format(CultureInfo.InvariantCulture, "{0}x{1}", Height, Width);

        /// <summary>True when both are images of the same height and width (channels may differ).</summary>
        public bool SameSpatial(Shape other) => !IsVector && !other.IsVector && Height == other.Height && Width == other.Width;

        /// <summary>"32x14x14" for an image, "[512]" for a vector.</summary>
        public override string ToString() => IsVector
            ? string.Format(CultureInfo.InvariantCulture, "[{0}]", Channels)
            : string.Format(CultureInfo.InvariantCulture, "{0}x{1}x{2}", Channels, Height, Width);
    }
}
