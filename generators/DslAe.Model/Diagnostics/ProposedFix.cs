using System.Linq;

namespace DslAe.Model
{
    /// <summary>One argument change of a <see cref="ProposedFix"/>: set <see cref="Argument"/> to <see cref="Value"/>, or remove it.</summary>
    /// <param name="Argument">The IR argument (<see cref="ArgumentNames"/>); front ends spell it their way (<see cref="ArgumentSpelling"/>).</param>
    /// <param name="Value">The value as a message writes it (<c>2</c>, <c>true</c>, <c>Same</c>, <c>Concat</c>); null: remove the argument.</param>
    public sealed record ArgumentEdit(string Argument, string? Value)
    {
        /// <summary>Sets <paramref name="argument"/> to <paramref name="value"/> (written with the invariant culture; booleans in lower case).</summary>
        public static ArgumentEdit Set(string argument, object value) => new(argument, value is bool b ? (b ? "true" : "false") : System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>Removes <paramref name="argument"/>, so that its default applies.</summary>
        public static ArgumentEdit Remove(string argument) => new(argument, null);

        /// <summary>True when the edit removes the argument.</summary>
        public bool IsRemoval => Value is null;

        /// <summary>The neutral mark: <c>«Stride = 2»</c>, or <c>remove «Scale»</c>.</summary>
        public override string ToString() => IsRemoval ? "remove " + ArgumentSpelling.Name(Argument) : ArgumentSpelling.Set(Argument, Value!);
    }

    /// <summary>
    /// A change a diagnostic's message proposes, as data: these argument edits on the declaration of one stage. The
    /// message says it in words; an IDE code fix applies it (the C# front end's code fix provider), and following it
    /// clears the diagnostic it came with.
    /// </summary>
    /// <param name="Stage">The stage whose declaration changes.</param>
    /// <param name="Edits">The argument changes, applied together.</param>
    public sealed record ProposedFix(string Stage, EquatableArray<ArgumentEdit> Edits)
    {
        /// <summary>A fix of the edits on <paramref name="stage"/>.</summary>
        public static ProposedFix On(string stage, params ArgumentEdit[] edits) => new(stage, edits);

        /// <summary>"«Stride = 2», remove «Scale» on Dec2", neutral (front ends render the marks).</summary>
        public override string ToString() => string.Join(", ", Edits.Select(e => e.ToString())) + " on " + Stage;

        /// <summary>
        /// The property key of the <paramref name="index"/>th fix when a diagnostic carries fixes to an IDE code fix
        /// (Roslyn diagnostics carry plain string properties).
        /// </summary>
        public static string PropertyKey(int index) => "DslAe.Fix" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary><c>Dec2;Padding=1;-OutputPadding</c>: stage names and arguments are identifiers, values single words.</summary>
        public string Encode() => Stage + ";" + string.Join(";", Edits.Select(e => e.IsRemoval ? "-" + e.Argument : e.Argument + "=" + e.Value));

        /// <summary>Reads what <see cref="Encode"/> wrote; null when <paramref name="text"/> is not in that form.</summary>
        public static ProposedFix? Decode(string? text)
        {
            var parts = text?.Split(';');
            if (parts is null || parts.Length < 2 || parts[0].Length == 0)
            {
                return null;
            }

            var edits = new ArgumentEdit[parts.Length - 1];
            for (var i = 1; i < parts.Length; i++)
            {
                var part = parts[i];
                var equals = part.IndexOf('=');
                if (part.StartsWith("-", System.StringComparison.Ordinal) && part.Length > 1)
                {
                    edits[i - 1] = ArgumentEdit.Remove(part.Substring(1));
                }
                else if (equals > 0 && equals < part.Length - 1)
                {
                    edits[i - 1] = new ArgumentEdit(part.Substring(0, equals), part.Substring(equals + 1));
                }
                else
                {
                    return null;
                }
            }

            return new ProposedFix(parts[0], edits);
        }
    }
}
