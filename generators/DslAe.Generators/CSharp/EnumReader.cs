using System;
using System.Collections.Generic;
using DslAe.Model;

namespace DslAe.Generators.CSharp
{
    /// <summary>Maps an attribute's enum member name onto the IR's enum of the same meaning.</summary>
    internal static class EnumReader
    {
        /// <summary>
        /// The IR value for the member written for <paramref name="argument"/>, <paramref name="fallback"/> when
        /// nothing was written, null (with a diagnostic) when the written value names no member.
        /// </summary>
        public static TEnum? Read<TEnum>(AttributeArguments arguments, string owner, string argument, TEnum fallback,
            List<DiagnosticInfo> diagnostics, IReadOnlyDictionary<string, string>? aliases = null)
            where TEnum : struct, Enum
        {
            var member = arguments.EnumMember(argument);
            if (member is null)
            {
                return fallback;
            }

            if (aliases is not null && aliases.TryGetValue(member, out var alias))
            {
                member = alias;
            }

            if (Enum.TryParse<TEnum>(member, ignoreCase: false, out var value) && Enum.IsDefined(typeof(TEnum), value) && !IsNumber(member))
            {
                return value;
            }

            diagnostics.Add(CSharpFrontEndRules.UnknownEnumValue.Create(arguments.LocationOf(argument), owner, argument, member,
                string.Join(", ", Enum.GetNames(typeof(TEnum)))));
            return null;
        }

        private static bool IsNumber(string text) => text.Length > 0 && (char.IsDigit(text[0]) || text[0] == '-');
    }
}
