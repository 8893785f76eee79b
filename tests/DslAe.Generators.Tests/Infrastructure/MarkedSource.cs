using Microsoft.CodeAnalysis.Text;

namespace DslAe.Generators.Tests.Infrastructure;

/// <summary>
/// Source text with the expected diagnostic span written inline as <c>[|...|]</c>, so a test states where an error
/// belongs by pointing at the text rather than by counting lines and columns.
/// </summary>
public sealed record MarkedSource(string Text, TextSpan Span)
{
    private const string Open = "[|";
    private const string Close = "|]";

    public static MarkedSource Parse(string marked)
    {
        var start = marked.IndexOf(Open, StringComparison.Ordinal);
        var end = marked.IndexOf(Close, StringComparison.Ordinal);
        if (start < 0 || end < start || marked.IndexOf(Open, start + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("Mark exactly one span with [| and |]:\n" + marked);
        }

        var text = marked.Remove(end, Close.Length).Remove(start, Open.Length);
        return new MarkedSource(text, TextSpan.FromBounds(start, end - Open.Length));
    }

    /// <summary>0-based line and column of the span, as Roslyn's <c>LinePositionSpan</c>.</summary>
    public LinePositionSpan LineSpan => SourceText.From(Text).Lines.GetLinePositionSpan(Span);
}
