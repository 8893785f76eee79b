using System;

namespace DslAe.Model
{
    /// <summary>
    /// libtorch's output-size formulas for one spatial dimension, in 64-bit so no input overflows.
    /// Each mirrors the ATen code it is named after (see docs/shapes.md); callers check the results.
    /// </summary>
    internal static class SizeArithmetic
    {
        /// <summary>Dilated kernel extent d·(k−1)+1.</summary>
        public static long EffectiveKernel(long kernel, long dilation) => (dilation * (kernel - 1)) + 1;

        /// <summary>Floor division rounding toward negative infinity (ATen's div_rtn).</summary>
        public static long FloorDiv(long numerator, long denominator)
        {
            var quotient = numerator / denominator;
            var remainder = numerator % denominator;
            return remainder != 0 && ((remainder < 0) != (denominator < 0)) ? quotient - 1 : quotient;
        }

        /// <summary>Ceiling division for a positive denominator.</summary>
        public static long CeilDiv(long numerator, long denominator) => -FloorDiv(-numerator, denominator);

        /// <summary>conv2d: floor((in + 2p − k_eff) / s) + 1.</summary>
        public static long ConvOut(long input, long kernel, long stride, long padding, long dilation) =>
            FloorDiv(input + (2 * padding) - EffectiveKernel(kernel, dilation), stride) + 1;

        /// <summary>conv_transpose2d: (in − 1)·s − 2p + k_eff + output_padding.</summary>
        public static long ConvTransposeOut(long input, long kernel, long stride, long padding, long outputPadding, long dilation) =>
            ((input - 1) * stride) - (2 * padding) + EffectiveKernel(kernel, dilation) + outputPadding;

        /// <summary>
        /// ATen's pooling_output_shape: floor (or ceil) of (in + 2p − k_eff) / s, plus 1; in ceil mode
        /// the last window must start inside the input or the left padding.
        /// </summary>
        public static long PoolOut(long input, long kernel, long stride, long padding, long dilation, bool ceilMode)
        {
            var output = FloorDiv(input + (2 * padding) - EffectiveKernel(kernel, dilation) + (ceilMode ? stride - 1 : 0), stride) + 1;
            if (ceilMode && (output - 1) * stride >= input + padding)
            {
                output--;
            }

            return output;
        }

        /// <summary>
        /// Real input pixels (not padding) that no window reaches: windows cover (out − 1)·s + k_eff
        /// positions of the padded input starting at −p; what lies beyond p + in is padding.
        /// </summary>
        public static long UncoveredInput(long input, long output, long kernel, long stride, long padding, long dilation)
        {
            var covered = ((output - 1) * stride) + EffectiveKernel(kernel, dilation);
            return Math.Max(0, padding + input - covered);
        }

        /// <summary>
        /// Per output position of a pooling window: the first tap at or after 0 (ATen advances a
        /// negative start by the dilation) and whether any tap lies inside the input. Windows without
        /// one exist only with dilation; max pooling gives them -inf and the index start·(plane width)
        /// of that first tap, which can point past the plane.
        /// </summary>
        public static (long[] FirstTap, bool[] Empty) PoolWindows(long input, long output, long kernel, long stride, long padding, long dilation)
        {
            var firstTap = new long[Math.Max(output, 0)];
            var empty = new bool[firstTap.Length];
            for (long o = 0; o < output; o++)
            {
                var start = (o * stride) - padding;
                var end = Math.Min(start + EffectiveKernel(kernel, dilation), input);
                while (start < 0)
                {
                    start += dilation;
                }

                firstTap[o] = start;
                empty[o] = start >= end;
            }

            return (firstTap, empty);
        }

        /// <summary>
        /// TensorFlow's <c>same</c>: out = ceil(in / s), total padding max((out − 1)·s + k_eff − in, 0)
        /// split with the extra pixel after (bottom/right).
        /// </summary>
        public static (long Output, long Before, long After) SamePadding(long input, long kernel, long stride, long dilation)
        {
            var output = CeilDiv(input, stride);
            var total = Math.Max(((output - 1) * stride) + EffectiveKernel(kernel, dilation) - input, 0);
            var before = total / 2;
            return (output, before, total - before);
        }

        /// <summary>interpolate with a scale factor: floor(in · scale) in double, as ATen computes it.</summary>
        public static long ScaledSize(long input, double scale) => (long)Math.Floor(input * scale);
    }
}
