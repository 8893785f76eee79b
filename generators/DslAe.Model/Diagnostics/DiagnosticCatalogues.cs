using System.Collections.Generic;
using System.Linq;

namespace DslAe.Model
{
    /// <summary>
    /// Every catalogue of rules, in ID order: the model rules (DSLAE001–099), the C# front end (100–199), the YAML front
    /// end (200–299) and the emitter (300–399). The generator's descriptors and docs/diagnostics.md both read this list,
    /// so what is reported and what is documented cannot drift apart.
    /// </summary>
    public static class DiagnosticCatalogues
    {
        /// <summary>All rules of all catalogues, ordered by ID.</summary>
        public static IReadOnlyList<DiagnosticRule> All { get; } =
            DiagnosticCatalogue.All
                .Concat(CSharpFrontEndRules.All)
                .Concat(YamlFrontEndRules.All)
                .Concat(EmitterRules.All)
                .OrderBy(r => r.Id, System.StringComparer.Ordinal)
                .ToArray();

        /// <summary>The rule with that ID, or null.</summary>
        public static DiagnosticRule? Find(string id) => All.FirstOrDefault(r => r.Id == id);
    }
}
