using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DslAe.Generators.CSharp;
using DslAe.Model;
using Microsoft.CodeAnalysis.Text;

namespace DslAe.Generators.Yaml
{
    /// <summary>
    /// The YAML front end: one <c>*.dslae.yaml</c> / <c>*.dslae.yml</c> additional file to a <see cref="ModelSpec"/>
    /// and its diagnostics. The result holds no Roslyn objects, so the incremental cache compares it by value. When
    /// the file has any DSLAE2xx error no spec is returned: shape checks on a half-read model would only add noise.
    /// </summary>
    internal static class YamlFrontEnd
    {
        public static bool IsDeclarationFile(string path) =>
            path.EndsWith(".dslae.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".dslae.yml", StringComparison.OrdinalIgnoreCase);

        public static FrontEndResult Read(string path, SourceText? text, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var fileName = FileName(path);
            if (text is null)
            {
                diagnostics.Add(YamlFrontEndRules.GeneratorFailure.Create(new SourceLocation(path, 0, 0, 0, 0, 0, 0), fileName, "the compiler could not read the file"));
                return new FrontEndResult(null, null, diagnostics.ToEquatableArray());
            }

            var spans = new SourceSpans(path, text);
            try
            {
                var root = DocumentReader.Read(text.ToString(), fileName, spans, diagnostics, cancellationToken);
                if (diagnostics.Count > 0)
                {
                    return new FrontEndResult(null, null, diagnostics.ToEquatableArray());
                }

                if (root is null || root is DocScalar { IsNull: true } || root is DocMapping { Entries.Count: 0 })
                {
                    diagnostics.Add(YamlFrontEndRules.EmptyFile.Create(spans.FileStart, fileName));
                    return new FrontEndResult(null, null, diagnostics.ToEquatableArray());
                }

                var spec = new DeclarationReader(fileName, diagnostics).Read(root);
                var failed = diagnostics.Any(d => d.Severity == Severity.Error);
                return new FrontEndResult(failed ? null : spec, null, diagnostics.ToEquatableArray());
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                // The generator never throws: an exception would drop every output with a mere warning.
                diagnostics.Add(YamlFrontEndRules.GeneratorFailure.Create(spans.FileStart, fileName, e.GetType().Name + ": " + e.Message));
                return new FrontEndResult(null, null, diagnostics.ToEquatableArray());
            }
        }

        /// <summary>The file name without folders (no System.IO in a generator beyond string handling).</summary>
        public static string FileName(string path)
        {
            var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? path : path.Substring(slash + 1);
        }
    }
}
