using System.Globalization;

namespace DslAe.Reports;

/// <summary>Counted nouns in messages: "1 epoch", "2 epochs".</summary>
internal static class Counts
{
    /// <summary><paramref name="n"/> and the noun, plural unless n is 1 (regular English plurals only).</summary>
    public static string Of(long n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
