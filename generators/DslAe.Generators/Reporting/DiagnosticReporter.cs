using System.Collections.Concurrent;
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
        private static readonly ConcurrentDictionary<string, DiagnosticDescriptor> Descriptors = new();

        public static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var info in diagnostics)
            {
                context.ReportDiagnostic(Diagnostic.Create(DescriptorFor(info), ToLocation(info.Location), info.Message));
            }
        }

        private static DiagnosticDescriptor DescriptorFor(DiagnosticInfo info) => Descriptors.GetOrAdd(info.Id, id =>
        {
            var rule = DiagnosticCatalogues.Find(id);
            return new DiagnosticDescriptor(
                id,
                rule?.Title ?? id,
                "{0}",
                "DslAe",
                ToRoslyn(rule?.Severity ?? info.Severity),
                isEnabledByDefault: true,
                helpLinkUri: rule?.HelpLink);
        });

        private static DiagnosticSeverity ToRoslyn(Severity severity) => severity switch
        {
            Severity.Error => DiagnosticSeverity.Error,
            Severity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };

        /// <summary>An external-file location: works alike for C# files and YAML AdditionalFiles, holds no syntax tree.</summary>
        private static Location ToLocation(SourceLocation location) => location.IsNone
            ? Location.None
            : Location.Create(
                location.FilePath,
                new TextSpan(location.Start, location.Length),
                new LinePositionSpan(new LinePosition(location.StartLine, location.StartColumn), new LinePosition(location.EndLine, location.EndColumn)));
    }
}
