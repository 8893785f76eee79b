using System;
using DslAe.Model;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;

namespace DslAe.Generators.Yaml
{
    /// <summary>
    /// Turns YamlDotNet's marks into the IR's <see cref="SourceLocation"/>. Lines and columns are computed from the
    /// character offset with Roslyn's own line table, so they agree with what the IDE shows, and every offset is
    /// clamped into the text: a location past the end of a file would make the compiler throw.
    /// </summary>
    internal sealed class SourceSpans
    {
        private readonly string _path;
        private readonly SourceText _text;

        public SourceSpans(string path, SourceText text)
        {
            _path = path;
            _text = text;
        }

        public SourceLocation FromMarks(Mark start, Mark end) => FromOffsets(Offset(start), Offset(end));

        /// <summary>
        /// A collection from its start to its end event. YamlDotNet's end mark of a flow collection sits on the closing
        /// bracket rather than after it; the span includes the bracket so it covers what the user wrote.
        /// </summary>
        public SourceLocation Collection(SourceLocation start, Mark end)
        {
            var endOffset = Offset(end);
            if (endOffset < _text.Length && start.Start < _text.Length && IsClosing(_text[start.Start], _text[endOffset]))
            {
                endOffset++;
            }

            return FromOffsets(start.Start, endOffset);
        }

        private static bool IsClosing(char open, char close) => (open == '[' && close == ']') || (open == '{' && close == '}');

        public SourceLocation Between(SourceLocation first, SourceLocation last) =>
            FromOffsets(first.Start, Math.Max(first.Start + first.Length, last.Start + last.Length));

        /// <summary>The start of the file (for problems of the file as a whole).</summary>
        public SourceLocation FileStart => FromOffsets(0, 0);

        public SourceLocation FromOffsets(int start, int end)
        {
            start = Clamp(start);
            end = Math.Max(start, Clamp(end));
            var lines = _text.Lines.GetLinePositionSpan(TextSpan.FromBounds(start, end));
            return new SourceLocation(_path, start, end - start, lines.Start.Line, lines.Start.Character, lines.End.Line, lines.End.Character);
        }

        private int Clamp(int offset) => Math.Max(0, Math.Min(offset, _text.Length));

        private static int Offset(Mark mark) => (int)Math.Min(int.MaxValue, Math.Max(0L, (long)mark.Index));
    }
}
