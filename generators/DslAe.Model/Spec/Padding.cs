using System.Globalization;

namespace DslAe.Model
{
    /// <summary>How a convolution pads its input.</summary>
    public enum PaddingMode
    {
        /// <summary>Keras/TensorFlow <c>same</c>: out = ceil(in / stride), padding split with the extra row at the bottom/right.</summary>
        Same,

        /// <summary>No padding.</summary>
        Valid,

        /// <summary>libtorch's symmetric padding of <see cref="Padding.Amount"/> on every side.</summary>
        Explicit,
    }

    /// <summary>Padding of a convolution or transposed convolution (see docs/shapes.md).</summary>
    /// <param name="Mode">Same, valid or explicit.</param>
    /// <param name="Amount">Pixels on each side for <see cref="PaddingMode.Explicit"/>; 0 otherwise.</param>
    public sealed record Padding(PaddingMode Mode, int Amount = 0)
    {
        /// <summary>Keras-style <c>same</c>.</summary>
        public static Padding Same { get; } = new(PaddingMode.Same);

        /// <summary>No padding.</summary>
        public static Padding Valid { get; } = new(PaddingMode.Valid);

        /// <summary><paramref name="amount"/> pixels on every side.</summary>
        public static Padding Explicit(int amount) => new(PaddingMode.Explicit, amount);

        /// <summary>"same", "valid" or the number.</summary>
        public override string ToString() => Mode switch
        {
            PaddingMode.Same => "same",
            PaddingMode.Valid => "valid",
            _ => Amount.ToString(CultureInfo.InvariantCulture),
        };
    }
}
