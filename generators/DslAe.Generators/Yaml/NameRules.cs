using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using DslAe.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace DslAe.Generators.Yaml
{
    /// <summary>
    /// Names in YAML become C# names in generated code (classes, module fields, a namespace), so they are checked
    /// here (DSLAE207) with a suggested spelling. In C# declarations the compiler guarantees this by itself.
    /// </summary>
    internal static class NameRules
    {
        private static readonly Regex TypeOrStageName = new("^[A-Z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
        private static readonly Regex NamespacePart = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

        private const string Letters = "start with an upper-case letter and contain only letters, digits and underscores";

        public static DiagnosticInfo? CheckModelName(string name, SourceLocation location) => TypeOrStageName.IsMatch(name)
            ? null
            : YamlFrontEndRules.InvalidName.Create(location, "Model name", name,
                "it names the generated classes (" + Suggest(name, "Model") + "Module, " + Suggest(name, "Model") + "Definition), so it must " + Letters,
                Suggest(name, "Model"));

        /// <summary>Stage and latent names: fields of the generated module, and locals in lower camel case beside them.</summary>
        public static DiagnosticInfo? CheckStageName(string name, SourceLocation location) => TypeOrStageName.IsMatch(name)
            ? null
            : YamlFrontEndRules.InvalidName.Create(location, "Stage name", name,
                "it names a field of the generated module, so it must " + Letters, Suggest(name, "Stage"));

        public static DiagnosticInfo? CheckNamespace(string name, SourceLocation location)
        {
            var parts = name.Split('.');
            if (parts.All(p => NamespacePart.IsMatch(p) && SyntaxFacts.GetKeywordKind(p) == SyntaxKind.None))
            {
                return null;
            }

            var suggestion = string.Join(".", parts.Where(p => p.Length > 0).Select(p => Suggest(p, "Models")));
            return YamlFrontEndRules.InvalidName.Create(location, "Namespace", name,
                "it is the C# namespace of the generated code, so it must be dot-separated identifiers that are not C# keywords",
                suggestion.Length == 0 ? "Models" : suggestion);
        }

        /// <summary>The name in PascalCase with characters C# cannot take dropped: "enc-1" becomes "Enc1".</summary>
        public static string Suggest(string name, string fallback)
        {
            var text = new StringBuilder();
            var upper = true;
            foreach (var c in name)
            {
                if (c < 128 && (char.IsLetterOrDigit(c) || c == '_'))
                {
                    text.Append(upper ? char.ToUpperInvariant(c) : c);
                    upper = false;
                }
                else
                {
                    upper = true;
                }
            }

            if (text.Length == 0)
            {
                return fallback;
            }

            return char.IsLetter(text[0]) ? text.ToString() : fallback + text;
        }
    }
}
