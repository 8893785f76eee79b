using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DslAe.Model
{
    /// <summary>
    /// Spelling of YAML scalars, shared by the effective-declaration writer and the parser so that what one writes
    /// the other reads back exactly: numbers in the invariant culture with round-trip precision, strings plain
    /// when they cannot be mistaken for another type and double-quoted otherwise.
    /// </summary>
    public static class YamlText
    {
        private static readonly Regex PlainString = new("^[A-Za-z_][A-Za-z0-9_./-]*$", RegexOptions.CultureInvariant);

        /// <summary>YAML 1.1 and 1.2 spellings of null and booleans, which a plain string must not look like.</summary>
        private static readonly string[] ReservedWords = { "null", "true", "false", "yes", "no", "on", "off", "y", "n" };

        /// <summary>The YAML null.</summary>
        public const string Null = "null";

        /// <summary>An integer.</summary>
        public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A number that reads back as the same double (always with a '.' or exponent, so it reads as a float).</summary>
        public static string Double(double value)
        {
            if (double.IsNaN(value))
            {
                return ".nan";
            }

            if (double.IsInfinity(value))
            {
                return value > 0 ? ".inf" : "-.inf";
            }

            var text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOf('.') >= 0 || text.IndexOf('E') >= 0 ? text : text + ".0";
        }

        /// <summary>true or false.</summary>
        public static string Bool(bool value) => value ? "true" : "false";

        /// <summary>A string: plain when safe, double-quoted with escapes otherwise.</summary>
        public static string String(string value)
        {
            if (PlainString.IsMatch(value) && Array.IndexOf(ReservedWords, value.ToLowerInvariant()) < 0)
            {
                return value;
            }

            var quoted = new StringBuilder("\"");
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': quoted.Append("\\\""); break;
                    case '\\': quoted.Append("\\\\"); break;
                    case '\n': quoted.Append("\\n"); break;
                    case '\r': quoted.Append("\\r"); break;
                    case '\t': quoted.Append("\\t"); break;
                    default:
                        if (char.IsControl(c) || char.IsSurrogate(c))
                        {
                            quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            quoted.Append(c);
                        }

                        break;
                }
            }

            return quoted.Append('"').ToString();
        }

        /// <summary>An optional string: the string, or null.</summary>
        public static string OptionalString(string? value) => value is null ? Null : String(value);

        /// <summary>Parses a plain scalar as a double the way <see cref="Double"/> writes it (also plain integers).</summary>
        public static bool TryParseDouble(string text, out double value)
        {
            switch (text)
            {
                case ".nan": case ".NaN": case ".NAN":
                    value = double.NaN;
                    return true;
                case ".inf": case ".Inf": case ".INF": case "+.inf": case "+.Inf": case "+.INF":
                    value = double.PositiveInfinity;
                    return true;
                case "-.inf": case "-.Inf": case "-.INF":
                    value = double.NegativeInfinity;
                    return true;
            }

            // Only YAML's number syntax: no thousands separators, no "Infinity", no hex.
            if (text.Length == 0 || !IsNumberSyntax(text))
            {
                value = 0;
                return false;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value);
        }

        /// <summary>Parses a plain scalar as a decimal integer in the range of <see cref="int"/>.</summary>
        public static bool TryParseInt(string text, out int value) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

        /// <summary>True when the plain scalar is a decimal integer of any size.</summary>
        public static bool LooksLikeInteger(string text)
        {
            var start = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
            if (start == text.Length)
            {
                return false;
            }

            for (var i = start; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Parses a plain scalar as true or false (YAML 1.2 core schema spellings).</summary>
        public static bool TryParseBool(string text, out bool value)
        {
            switch (text)
            {
                case "true": case "True": case "TRUE":
                    value = true;
                    return true;
                case "false": case "False": case "FALSE":
                    value = false;
                    return true;
                default:
                    value = false;
                    return false;
            }
        }

        /// <summary>True for the plain scalars YAML reads as null: empty, ~ and null in its spellings.</summary>
        public static bool IsNull(string plainText) => plainText is "" or "~" or "null" or "Null" or "NULL";

        private static bool IsNumberSyntax(string text)
        {
            var i = 0;
            if (text[i] == '-' || text[i] == '+')
            {
                i++;
            }

            var digits = 0;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                i++;
                digits++;
            }

            if (i < text.Length && text[i] == '.')
            {
                i++;
                while (i < text.Length && text[i] >= '0' && text[i] <= '9')
                {
                    i++;
                    digits++;
                }
            }

            if (digits == 0)
            {
                return false;
            }

            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                if (i < text.Length && (text[i] == '-' || text[i] == '+'))
                {
                    i++;
                }

                var exponentDigits = 0;
                while (i < text.Length && text[i] >= '0' && text[i] <= '9')
                {
                    i++;
                    exponentDigits++;
                }

                if (exponentDigits == 0)
                {
                    return false;
                }
            }

            return i == text.Length;
        }
    }
}
