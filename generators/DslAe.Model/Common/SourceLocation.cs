using System.Globalization;

namespace DslAe.Model
{
    /// <summary>
    /// Where an IR element came from, in a form both front ends can fill and the generator can turn
    /// into a Roslyn <c>Location</c> (file path + text span + line span) without holding a syntax tree.
    /// <see cref="Start"/> and <see cref="Length"/> are character offsets into the file;
    /// lines and columns are 0-based like Roslyn's <c>LinePosition</c> (YAML marks are 1-based:
    /// the YAML front end subtracts one). The end position is exclusive.
    /// </summary>
    /// <param name="FilePath">Path of the C# or YAML file, as the compiler knows it.</param>
    /// <param name="Start">Offset of the first character.</param>
    /// <param name="Length">Number of characters covered.</param>
    /// <param name="StartLine">0-based line of <see cref="Start"/>.</param>
    /// <param name="StartColumn">0-based column of <see cref="Start"/>.</param>
    /// <param name="EndLine">0-based line of the end position.</param>
    /// <param name="EndColumn">0-based column of the end position.</param>
    public sealed record SourceLocation(
        string FilePath,
        int Start,
        int Length,
        int StartLine,
        int StartColumn,
        int EndLine,
        int EndColumn)
    {
        /// <summary>No location: for IR built in code. The generator reports such diagnostics without a location.</summary>
        public static SourceLocation None { get; } = new(string.Empty, 0, 0, 0, 0, 0, 0);

        /// <summary>True for <see cref="None"/>.</summary>
        public bool IsNone => FilePath.Length == 0;

        /// <summary>"path(line,column)" with 1-based numbers, as compilers print them.</summary>
        public override string ToString() => IsNone
            ? "(no location)"
            : string.Format(CultureInfo.InvariantCulture, "{0}({1},{2})", FilePath, StartLine + 1, StartColumn + 1);
    }

    /// <summary>The location of one named argument of an element (a C# attribute argument or a YAML key).</summary>
    /// <param name="Argument">Argument name, one of <see cref="ArgumentNames"/>.</param>
    /// <param name="Location">Where it is written.</param>
    public sealed record ArgumentLocation(string Argument, SourceLocation Location);
}
