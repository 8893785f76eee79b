using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DslAe.Generators.Reporting
{
    /// <summary>
    /// Turns the IR's <see cref="DiagnosticInfo"/> (plain data, cacheable) into Roslyn diagnostics at report time.
    /// Descriptors come from the rule catalogues, so IDs, titles and help links are defined once.
    /// </summary>
    internal static class DiagnosticReporter
    {
        private static readonly ConcurrentDictionary<(string Id, string? Docs), DiagnosticDescriptor> Descriptors = new();

        /// <param name="context">Where the diagnostics go.</param>
        /// <param name="diagnostics">What to report.</param>
        /// <param name="docs">The diagnostics page help links point into (<see cref="DocsLink"/>); null: the relative default.</param>
        /// <param name="compilation">
        /// For C# declarations: the compilation whose syntax trees the locations point into. A location in a tree is what
        /// lets <c>#pragma warning disable</c> and per-file .editorconfig severities apply; null for YAML files, which
        /// have no tree (their diagnostics follow NoWarn and .globalconfig).
        /// </param>
        public static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics, string? docs, Compilation? compilation = null)
        {
            foreach (var info in diagnostics)
            {
                context.ReportDiagnostic(Diagnostic.Create(DescriptorFor(info, docs), ToLocation(info.Location, compilation), FixProperties(info, compilation), Printable(info.Message)));
            }
        }

        /// <summary>
        /// The fixes a C# declaration's diagnostic proposes, for the IDE's code fix (DslAe.CodeFixes); none for YAML
        /// files, which no code fix edits.
        /// </summary>
        private static ImmutableDictionary<string, string?>? FixProperties(DiagnosticInfo info, Compilation? compilation)
        {
            if (compilation is null || info.Fixes.IsEmpty)
            {
                return null;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            for (var i = 0; i < info.Fixes.Count; i++)
            {
                properties[ProposedFix.PropertyKey(i)] = info.Fixes[i].Encode();
            }

            return properties.ToImmutable();
        }

        private static DiagnosticDescriptor DescriptorFor(DiagnosticInfo info, string? docs) => Descriptors.GetOrAdd((info.Id, docs), key =>
        {
            var rule = DiagnosticCatalogues.Find(key.Id);
            return new DiagnosticDescriptor(
                key.Id,
                rule?.Title ?? key.Id,
                "{0}",
                rule?.Category ?? "DslAe",
                ToRoslyn(rule?.Severity ?? info.Severity),
                isEnabledByDefault: true,
                helpLinkUri: rule is null ? null : DocsLink.For(rule, key.Docs));
        });

        /// <summary>
        /// Control characters a declaration put into a message (a name holding an escape sequence, say) are written as
        /// \uXXXX, so the build output shows them instead of acting on the terminal.
        /// </summary>
        internal static string Printable(string message)
        {
            if (!message.Any(char.IsControl))
            {
                return message;
            }

            var text = new System.Text.StringBuilder(message.Length + 16);
            foreach (var c in message)
            {
                text.Append(char.IsControl(c) ? "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString());
            }

            return text.ToString();
        }

        private static DiagnosticSeverity ToRoslyn(Severity severity) => severity switch
        {
            Severity.Error => DiagnosticSeverity.Error,
            Severity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };

        /// <summary>
        /// The location in <paramref name="compilation"/>'s tree of that file when there is one (the span checked against
        /// the tree's current text), else an external-file location, which works alike for any file but holds no tree.
        /// </summary>
        private static Location ToLocation(SourceLocation location, Compilation? compilation)
        {
            if (location.IsNone)
            {
                return Location.None;
            }

            var tree = compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == location.FilePath);
            if (tree is not null && location.Start + location.Length <= tree.Length)
            {
                return Location.Create(tree, new TextSpan(location.Start, location.Length));
            }

            return External(location);
        }

        private static Location External(SourceLocation location) => Location.Create(
                location.FilePath,
                new TextSpan(location.Start, location.Length),
                new LinePositionSpan(new LinePosition(location.StartLine, location.StartColumn), new LinePosition(location.EndLine, location.EndColumn)));
    }
}
