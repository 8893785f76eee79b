using System.Collections.Generic;
using System.Linq;
using DslAe.Model;

namespace DslAe.Generators
{
    /// <summary>A model's generated types' namespace and name, and where it is declared.</summary>
    internal sealed record ModelIdentity(string? Namespace, string Name, SourceLocation Location)
    {
        /// <summary>"Namespace.Name": the prefix of the generated <c>Module</c> and <c>Definition</c> types.</summary>
        public string FullName => (Namespace is null ? string.Empty : Namespace + ".") + Name;
    }

    /// <summary>The models whose generated types would clash, and a DSLAE302 at every declaration after the first.</summary>
    internal sealed record DuplicateModels(EquatableArray<string> FullNames, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public bool Contains(string? fullName) => fullName is not null && FullNames.Contains(fullName);

        public static DuplicateModels Find(IEnumerable<ModelIdentity?> models)
        {
            var names = new List<string>();
            var diagnostics = new List<DiagnosticInfo>();
            foreach (var group in models.Where(m => m is not null).GroupBy(m => m!.FullName).Where(g => g.Count() > 1).OrderBy(g => g.Key, System.StringComparer.Ordinal))
            {
                names.Add(group.Key);
                var declarations = group.Select(m => m!).OrderBy(m => m.Location.FilePath, System.StringComparer.Ordinal).ThenBy(m => m.Location.Start).ToList();
                // The first declaration (by file and position) is the original; each later one is reported against it.
                var first = declarations[0];
                var place = first.Namespace is null ? "the global namespace" : "namespace " + first.Namespace;
                foreach (var later in declarations.Skip(1))
                {
                    diagnostics.Add(EmitterRules.DuplicateModel.Create(later.Location, later.Name, place, first.Location, later.Name));
                }
            }

            return new DuplicateModels(names.ToEquatableArray(), diagnostics.ToEquatableArray());
        }
    }
}
