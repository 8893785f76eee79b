using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DslAe.Generators.CSharp
{
    /// <summary>Turns syntax positions into the IR's <see cref="SourceLocation"/>, which holds no syntax tree.</summary>
    internal static class Locations
    {
        public static SourceLocation Of(SyntaxNode? node) => node is null ? SourceLocation.None : Of(node.SyntaxTree, node.Span);

        public static SourceLocation Of(SyntaxToken token) => Of(token.SyntaxTree!, token.Span);

        public static SourceLocation Span(SyntaxNode first, SyntaxNode last) =>
            Of(first.SyntaxTree, TextSpan.FromBounds(first.SpanStart, last.Span.End));

        /// <summary>The smallest location covering both (same file).</summary>
        public static SourceLocation Cover(SourceLocation a, SourceLocation b)
        {
            var first = a.Start <= b.Start ? a : b;
            var last = a.Start + a.Length >= b.Start + b.Length ? a : b;
            return new SourceLocation(first.FilePath, first.Start, last.Start + last.Length - first.Start,
                first.StartLine, first.StartColumn, last.EndLine, last.EndColumn);
        }

        private static SourceLocation Of(SyntaxTree tree, TextSpan span)
        {
            var lines = tree.GetLineSpan(span);
            return new SourceLocation(
                tree.FilePath,
                span.Start,
                span.Length,
                lines.StartLinePosition.Line,
                lines.StartLinePosition.Character,
                lines.EndLinePosition.Line,
                lines.EndLinePosition.Character);
        }
    }
}
