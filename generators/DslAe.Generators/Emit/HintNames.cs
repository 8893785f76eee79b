using System.Text;
using DslAe.Generators.CSharp;
using DslAe.Model;

namespace DslAe.Generators.Emit
{
    /// <summary>
    /// Hint names of the generated sources, for both front ends. They must be unique (a duplicate makes the compiler
    /// throw inside the generator) and short: with EmitCompilerGeneratedFiles they become file names under obj/, where
    /// a model name of a few hundred characters would exceed the file system's limit (CS0016). A name longer than
    /// <see cref="MaxStem"/> keeps its start and gains a hash of the whole, FNV-1a, stable across runs and machines.
    /// </summary>
    internal static class HintNames
    {
        /// <summary>The longest stem (everything before ".Module.g.cs") written as it is.</summary>
        public const int MaxStem = 96;

        /// <summary>A C# model's source: namespace, containing types and name (models of one name nested in different classes must not collide).</summary>
        public static string ForCSharp(ModelSpec spec, DeclarationTarget? target, string part) =>
            Bounded((spec.Namespace is null ? string.Empty : spec.Namespace + ".") + ContainingPrefix(target) + spec.Name) + "." + part + ".g.cs";

        /// <summary>A YAML model's source: the model, the file's name and a hash of its path (two files may declare models of one name).</summary>
        public static string ForYaml(ModelSpec spec, string path, string part)
        {
            var model = (spec.Namespace is null ? string.Empty : spec.Namespace + ".") + spec.Name;
            return Bounded(model + "." + Sanitize(Yaml.YamlFrontEnd.FileName(path)) + "_" + Hash(path)) + "." + part + ".g.cs";
        }

        private static string Bounded(string stem)
        {
            var safe = Sanitize(stem);
            return safe.Length <= MaxStem ? safe : safe.Substring(0, MaxStem - 9) + "_" + Hash(stem);
        }

        private static string ContainingPrefix(DeclarationTarget? target)
        {
            var prefix = new StringBuilder();
            foreach (var declaration in target?.ContainingTypes ?? default)
            {
                // "partial record struct Outer<T, U>" → "Outer_T__U_."
                var name = declaration;
                foreach (var keyword in new[] { "partial ", "record ", "class ", "struct ", "interface " })
                {
                    name = name.StartsWith(keyword, System.StringComparison.Ordinal) ? name.Substring(keyword.Length) : name;
                }

                foreach (var c in name)
                {
                    prefix.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
                }

                prefix.Append('.');
            }

            return prefix.ToString();
        }

        /// <summary>ASCII letters, digits, '_', '-' and '.' stay; anything else (non-ASCII letters included) becomes '_'.</summary>
        private static string Sanitize(string text)
        {
            var safe = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                safe.Append(c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.') ? c : '_');
            }

            return safe.ToString();
        }

        private static string Hash(string text)
        {
            unchecked
            {
                var hash = 2166136261u;
                foreach (var c in text)
                {
                    hash = (hash ^ c) * 16777619u;
                }

                return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
