using System;
using DslAe.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DslAe.Generators.Reporting
{
    /// <summary>
    /// Where a diagnostic's help link points. The DslAe package's build props set the MSBuild property DslAeDocs to the
    /// diagnostics page it ships (its docs/diagnostics.md), so a package user's link opens a file on their machine; a
    /// user who hosts the docs can set DslAeDocs to a web address instead. Without the property the link stays the
    /// repository-relative default (<see cref="DiagnosticCatalogue.HelpLinkBase"/>).
    /// </summary>
    internal static class DocsLink
    {
        public const string Property = "build_property.DslAeDocs";

        /// <summary>The DslAeDocs value of the compilation, or null when unset.</summary>
        public static string? Read(AnalyzerConfigOptionsProvider options) =>
            options.GlobalOptions.TryGetValue(Property, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        /// <summary>The link to <paramref name="rule"/>'s section: an absolute path becomes a file URI, a web address stays as it is.</summary>
        public static string For(DiagnosticRule rule, string? docs)
        {
            if (docs is null)
            {
                return rule.HelpLink;
            }

            var page = Uri.TryCreate(docs, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : docs;
            return page + "#" + rule.Id.ToLowerInvariant();
        }
    }
}
