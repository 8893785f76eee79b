using System;
using System.Collections.Generic;
using System.Linq;

namespace DslAe.Generators.Yaml
{
    /// <summary>"Did you mean" for misspelt keys and options: the closest candidate by edit distance, if close enough.</summary>
    internal static class Suggestions
    {
        /// <summary>"did you mean 'x'?" when a candidate is close, else "valid ... are a, b, c".</summary>
        public static string For(string written, IEnumerable<string> candidates, string what)
        {
            var list = candidates.ToList();
            var best = Closest(written, list);
            return best is null ? "valid " + what + " are " + string.Join(", ", list) : "did you mean '" + best + "'?";
        }

        /// <summary>The closest candidate within a distance of about a third of its length (at least 1, at most 3), or null.</summary>
        public static string? Closest(string written, IReadOnlyList<string> candidates)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in candidates)
            {
                var distance = string.Equals(candidate, written, StringComparison.OrdinalIgnoreCase)
                    ? 0
                    : Distance(written.ToLowerInvariant(), candidate.ToLowerInvariant());
                var allowed = Math.Min(3, Math.Max(1, candidate.Length / 3));
                if (distance <= allowed && distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best;
        }

        /// <summary>Levenshtein distance with adjacent transpositions counted as one edit (optimal string alignment).</summary>
        public static int Distance(string a, string b)
        {
            if (a.Length > 64 || b.Length > 64)
            {
                // Long inputs are never typos of a short key; skip the quadratic work.
                return Math.Abs(a.Length - b.Length) + 64;
            }

            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (var j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }
    }
}
