using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DslAe.Model
{
    /// <summary>
    /// Renders docs/diagnostics.md from diagnostics catalogues, so documentation and checks are one
    /// source. A test regenerates the file and fails when the committed copy differs.
    /// </summary>
    public static class DiagnosticsDocument
    {
        /// <summary>The markdown for <paramref name="rules"/> (line endings "\n").</summary>
        public static string Render(IEnumerable<DiagnosticRule> rules)
        {
            var ordered = rules.OrderBy(r => r.Id, System.StringComparer.Ordinal).ToList();
            var text = new StringBuilder();
            text.Append("# DslAe diagnostics\n\n");
            text.Append("<!-- Generated from DslAe.Model's DiagnosticCatalogue by tests/DslAe.Model.Tests; do not edit by hand.\n");
            text.Append("     Regenerate: DSLAE_UPDATE_DOCS=1 dotnet test tests/DslAe.Model.Tests -c Release -->\n\n");
            text.Append("Every problem the generator finds in a model is reported as a compiler diagnostic at the attribute\n");
            text.Append("argument or YAML key that causes it. Messages name the stage, what was expected, what was received,\n");
            text.Append("and a concrete fix.\n\n");
            text.Append("Messages and fixes spell arguments the way the declaration's own language does: a C# model reads\n");
            text.Append("`set OutputPadding = 1`, `Pad = Pad.Same` or `features: 784`, the same model in YAML `set output_padding: 1`,\n");
            text.Append("`padding: same` or `features: 784`. In the message formats below, `«Argument»` marks such an argument.\n");
            text.Append("Examples show the C# spelling.\n\n");
            text.Append("ID ranges: DSLAE001–099 model and shape rules (this page), DSLAE100–199 the C# front end,\n");
            text.Append("DSLAE200–299 the YAML front end, DSLAE300–399 the emitter and generator plumbing.\n\n");
            text.Append("## Suppressing a diagnostic\n\n");
            text.Append("C# diagnostics are located in the declaration's syntax tree, so every standard mechanism applies:\n\n");
            text.Append("```csharp\n#pragma warning disable DSLAE005 // the stride is meant to drop the last row\n");
            text.Append("[Conv(32, Kernel = 3, Stride = 2, Pad = Pad.Valid)] public partial Stage Enc1 { get; }\n#pragma warning restore DSLAE005\n```\n\n");
            text.Append("```ini\n# .editorconfig: a rule's severity for some files\n[Models/*.cs]\ndotnet_diagnostic.DSLAE012.severity = none\n```\n\n");
            text.Append("`<NoWarn>DSLAE005</NoWarn>` in the project and `.globalconfig` work too. YAML files are not C# syntax trees: for\n");
            text.Append("their diagnostics use NoWarn or a `.globalconfig` (`is_global = true`, then `dotnet_diagnostic.DSLAE005.severity = none`).\n");
            text.Append("Suppressing an error only hides its message: a model with an error is still not generated. Each rule's\n");
            text.Append("category (below) says what it is about; IDEs group the error list by it.\n\n");
            text.Append("## Rules\n\n");
            text.Append("| ID | Severity | Category | Title |\n|---|---|---|---|\n");
            foreach (var rule in ordered)
            {
                text.Append("| [").Append(rule.Id).Append("](#").Append(rule.Id.ToLowerInvariant()).Append(") | ")
                    .Append(rule.Severity).Append(" | ").Append(rule.Category).Append(" | ").Append(rule.Title).Append(" |\n");
            }

            foreach (var rule in ordered)
            {
                var example = rule.Example.Split('\n');
                text.Append("\n## ").Append(rule.Id).Append('\n');
                text.Append("\n**").Append(rule.Title).Append("** · ").Append(rule.Severity).Append(" · ").Append(rule.Category).Append("\n\n");
                text.Append(rule.Explanation).Append("\n\n");
                text.Append("Message: `").Append(rule.MessageFormat).Append("`\n\n");
                text.Append("Example: ").Append(example[0]).Append('\n');
                foreach (var line in example.Skip(1))
                {
                    text.Append("\n> ").Append(line).Append('\n');
                }

                text.Append("\nFix: ").Append(rule.Fix).Append('\n');
            }

            return text.ToString();
        }
    }
}
