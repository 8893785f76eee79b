using System.Collections.Generic;
using System.Linq;
using DslAe.Model;

namespace DslAe.Generators.Reporting
{
    /// <summary>Every rule the generator can report, from all catalogues.</summary>
    internal static class RuleCatalogues
    {
        private static readonly Dictionary<string, DiagnosticRule> ById =
            DiagnosticCatalogue.All.Concat(CSharpFrontEndRules.All).Concat(YamlFrontEndRules.All).Concat(EmitterRules.All).ToDictionary(r => r.Id);

        public static DiagnosticRule? Find(string id) => ById.TryGetValue(id, out var rule) ? rule : null;
    }
}
