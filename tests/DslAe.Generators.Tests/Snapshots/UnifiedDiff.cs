using System.Text;
using DiffPlex;

namespace DslAe.Generators.Tests.Snapshots;

/// <summary>
/// A unified diff (the format of <c>git diff</c> and <c>diff -u</c>) built from DiffPlex's line blocks, so a failing
/// snapshot shows what changed in a form every reviewer reads. DiffPlex 1.4.4 has no unified renderer of its own.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>The diff from <paramref name="oldText"/> to <paramref name="newText"/>; empty when they are equal.</summary>
    public static string Render(string oldText, string newText, string oldName, string newName)
    {
        // A final newline ends the last line; it does not start an empty one.
        var diff = new Differ().CreateLineDiffs(WithoutFinalNewline(oldText), WithoutFinalNewline(newText), ignoreWhitespace: false, ignoreCase: false);
        if (diff.DiffBlocks.Count == 0)
        {
            return string.Empty;
        }

        var oldLines = diff.PiecesOld;
        var newLines = diff.PiecesNew;
        var text = new StringBuilder();
        text.Append("--- ").Append(oldName).Append('\n');
        text.Append("+++ ").Append(newName).Append('\n');

        var blocks = diff.DiffBlocks;
        var first = 0;
        while (first < blocks.Count)
        {
            // Blocks whose context windows touch are written as one hunk.
            var last = first;
            while (last + 1 < blocks.Count &&
                   blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * Context)
            {
                last++;
            }

            var oldStart = Math.Max(0, blocks[first].DeleteStartA - Context);
            var oldEnd = Math.Min(oldLines.Length, blocks[last].DeleteStartA + blocks[last].DeleteCountA + Context);
            var newStart = blocks[first].InsertStartB - (blocks[first].DeleteStartA - oldStart);
            var newEnd = blocks[last].InsertStartB + blocks[last].InsertCountB + (oldEnd - (blocks[last].DeleteStartA + blocks[last].DeleteCountA));
            text.Append("@@ -").Append(oldStart + 1).Append(',').Append(oldEnd - oldStart)
                .Append(" +").Append(newStart + 1).Append(',').Append(newEnd - newStart).Append(" @@\n");

            var a = oldStart;
            for (var i = first; i <= last; i++)
            {
                var block = blocks[i];
                for (; a < block.DeleteStartA; a++)
                {
                    text.Append(' ').Append(oldLines[a]).Append('\n');
                }

                for (var d = 0; d < block.DeleteCountA; d++, a++)
                {
                    text.Append('-').Append(oldLines[a]).Append('\n');
                }

                for (var n = 0; n < block.InsertCountB; n++)
                {
                    text.Append('+').Append(newLines[block.InsertStartB + n]).Append('\n');
                }
            }

            for (; a < oldEnd; a++)
            {
                text.Append(' ').Append(oldLines[a]).Append('\n');
            }

            first = last + 1;
        }

        return text.ToString();
    }

    private static string WithoutFinalNewline(string text) => text.EndsWith('\n') ? text[..^1] : text;
}
