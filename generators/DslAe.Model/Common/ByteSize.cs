using System;
using System.Globalization;

namespace DslAe.Model
{
    /// <summary>
    /// Memory sizes as declarations write them: <c>"2GB"</c>, <c>"1.5 GiB"</c>, <c>"512MiB"</c>, <c>"80000000"</c>.
    /// KB, MB, GB and TB are powers of 1000, KiB, MiB, GiB and TiB powers of 1024 (as disk and GPU vendors write
    /// them); case does not matter; a number alone is bytes.
    /// </summary>
    public static class ByteSize
    {
        private static readonly (string Unit, double Factor)[] Units =
        {
            ("KIB", 1024.0), ("MIB", 1024.0 * 1024), ("GIB", 1024.0 * 1024 * 1024), ("TIB", 1024.0 * 1024 * 1024 * 1024),
            ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("B", 1),
        };

        /// <summary>The bytes <paramref name="text"/> names; false when it is not a positive size in one of the units.</summary>
        public static bool TryParse(string? text, out long bytes)
        {
            bytes = 0;
            var trimmed = text?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(trimmed))
            {
                return false;
            }

            var factor = 1.0;
            foreach (var (unit, value) in Units)
            {
                if (trimmed!.EndsWith(unit, StringComparison.Ordinal))
                {
                    trimmed = trimmed.Substring(0, trimmed.Length - unit.Length).TrimEnd();
                    factor = value;
                    break;
                }
            }

            if (!double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                return false;
            }

            var total = number * factor;
            if (total < 1 || total >= long.MaxValue)
            {
                return false;
            }

            bytes = (long)total;
            return true;
        }

        /// <summary>"7.0 MiB", "1.50 GiB": three significant digits in binary units.</summary>
        public static string Format(long bytes)
        {
            string[] units = { "B", "KiB", "MiB", "GiB", "TiB" };
            var value = (double)bytes;
            var unit = 0;
            while (value >= 1024 && unit < units.Length - 1)
            {
                value /= 1024;
                unit++;
            }

            var format = unit == 0 || value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00";
            return value.ToString(format, CultureInfo.InvariantCulture) + " " + units[unit];
        }
    }
}
