namespace DslAe.Model
{
    /// <summary>What a message proposes: its words, and the same change as data when an edit of one stage makes it.</summary>
    /// <param name="Text">The proposal as the message says it, with argument marks (<see cref="ArgumentSpelling"/>).</param>
    /// <param name="Fix">The change as edits; null when it is not one stage's arguments ("add a Conv stage...").</param>
    internal sealed record Suggestion(string Text, ProposedFix? Fix = null)
    {
        /// <summary>"set «Kernel = 3» on Dec1", with that edit as the fix.</summary>
        public static Suggestion SetOn(string stage, string argument, object value)
        {
            var edit = ArgumentEdit.Set(argument, value);
            return new(Describe.Format("set {0} on {1}", edit, stage), ProposedFix.On(stage, edit));
        }

        /// <summary><paramref name="before"/> + "«Padding = Same»" + <paramref name="after"/>, with that edit on <paramref name="stage"/> as the fix.</summary>
        public static Suggestion Use(string stage, string before, string argument, object value, string after = "")
        {
            var edit = ArgumentEdit.Set(argument, value);
            return new(before + edit + after, ProposedFix.On(stage, edit));
        }

        /// <summary>Words alone: a proposal no argument edit makes.</summary>
        public static implicit operator Suggestion(string text) => new(text);

        /// <summary>The words.</summary>
        public override string ToString() => Text;
    }
}
