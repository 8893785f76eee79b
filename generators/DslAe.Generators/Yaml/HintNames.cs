using System.Text;
using DslAe.Model;

namespace DslAe.Generators.Yaml
{
    /// <summary>
    /// Hint names of a YAML model's sources. They carry the file's name and a hash of its path, so two files that
    /// declare models of one name (or a YAML and a C# model of one name) never collide: a duplicate hint name would
    /// make the compiler throw inside the generator. The hash is FNV-1a, stable across runs and machines of one path.
    /// </summary>
    internal static class HintNames
    {
        public static string For(ModelSpec spec, string path, string part)
        {
            var model = (spec.Namespace is null ? string.Empty : spec.Namespace + ".") + spec.Name;
            return model + "." + Sanitize(YamlFrontEnd.FileName(path)) + "_" + Hash(path) + "." + part + ".g.cs";
        }

        private static string Sanitize(string fileName)
        {
            var text = new StringBuilder(fileName.Length);
            foreach (var c in fileName)
            {
                text.Append(c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '-') ? c : '_');
            }

            return text.ToString();
        }

        private static string Hash(string path)
        {
            unchecked
            {
                var hash = 2166136261u;
                foreach (var c in path)
                {
                    hash = (hash ^ c) * 16777619u;
                }

                return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
