namespace DslAe.Data;

/// <summary>
/// Permutations that depend only on (seed, stream, n): a Fisher–Yates shuffle driven by SplitMix64. Written
/// out here, rather than taken from System.Random or libtorch's generator, so that the order of every epoch
/// is a pure function a resumed run can recompute, on any runtime or device.
/// </summary>
public static class SeededShuffle
{
    /// <summary>The stream used for the train/validation split (epochs use streams 0, 1, 2, ...).</summary>
    public const long SplitStream = -1;

    /// <summary>A permutation of 0..n-1 for (<paramref name="seed"/>, <paramref name="stream"/>).</summary>
    public static long[] Permutation(long n, long seed, long stream)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var order = new long[n];
        for (long i = 0; i < n; i++) order[i] = i;
        var state = Mix(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ Mix(unchecked((ulong)stream)));
        for (var i = n - 1; i > 0; i--)
        {
            state = unchecked(state + 0x9E3779B97F4A7C15UL);
            // Multiply-shift maps 64 random bits to [0, i] with negligible bias for data-set sizes.
            var j = (long)Math.BigMul(Mix(state), (ulong)(i + 1), out _);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>A 63-bit seed derived from (<paramref name="seed"/>, <paramref name="position"/>), for reseeding libtorch per step.</summary>
    public static long DerivedSeed(long seed, long position) =>
        (long)(Mix(Mix(unchecked((ulong)seed)) ^ unchecked((ulong)position * 0xD1B54A32D192ED03UL)) >> 1);

    // SplitMix64's finaliser (Steele, Lea, Flood 2014).
    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
