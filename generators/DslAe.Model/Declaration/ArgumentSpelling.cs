using System;
using System.Collections.Generic;
using System.Text;

namespace DslAe.Model
{
    /// <summary>
    /// How each front end spells the arguments a message names. Model rules are front-end neutral, so their messages
    /// mark every argument they name: <c>«Stride»</c> for the argument, <c>«Stride = 2»</c> for setting it. Rendering
    /// turns the marks into the user's own language, so a YAML user reads <c>stride: 2</c> and a C# user
    /// <c>Stride = 2</c>; an IR name that differs from both (<c>OutFeatures</c>: C# <c>features:</c>, YAML
    /// <c>features</c>) is spelt right in each. The reverse map, from what a user wrote to IR names, is the front ends'
    /// (the C# Rename and the YAML key readers); a test checks every spelling here against the attributes and
    /// <see cref="YamlSchema"/>.
    /// </summary>
    public static class ArgumentSpelling
    {
        /// <summary>Opens an argument mark.</summary>
        public const char Open = '«';

        /// <summary>Closes an argument mark.</summary>
        public const char Close = '»';

        /// <summary>One argument as both front ends write it.</summary>
        /// <param name="CSharp">The attribute property, or the constructor parameter when <paramref name="Positional"/>.</param>
        /// <param name="Positional">True when C# passes the argument to the attribute's constructor (named form <c>features: 784</c>).</param>
        /// <param name="Yaml">The YAML key.</param>
        /// <param name="CSharpEnum">The C# enum the value belongs to (values are written <c>Merge.Concat</c>); null for numbers and booleans.</param>
        public sealed record Spelling(string CSharp, bool Positional, string Yaml, string? CSharpEnum = null);

        private static readonly Dictionary<string, Spelling> Table = new(StringComparer.Ordinal)
        {
            [ArgumentNames.OutChannels] = new("outChannels", true, "out_channels"),
            [ArgumentNames.Kernel] = new("Kernel", false, "kernel"),
            [ArgumentNames.Stride] = new("Stride", false, "stride"),
            [ArgumentNames.Padding] = new("Padding", false, "padding"),
            [ArgumentNames.OutputPadding] = new("OutputPadding", false, "output_padding"),
            [ArgumentNames.Dilation] = new("Dilation", false, "dilation"),
            [ArgumentNames.Groups] = new("Groups", false, "groups"),
            [ArgumentNames.CeilMode] = new("CeilMode", false, "ceil_mode"),
            [ArgumentNames.KeepIndices] = new("KeepIndices", false, "keep_indices"),
            [ArgumentNames.Of] = new("of", true, "of"),
            [ArgumentNames.Mode] = new("mode", true, "mode", "Interpolation"),
            [ArgumentNames.Scale] = new("Scale", false, "scale"),
            [ArgumentNames.Height] = new("Height", false, "height"),
            [ArgumentNames.Width] = new("Width", false, "width"),
            [ArgumentNames.Factor] = new("factor", true, "factor"),
            [ArgumentNames.OutFeatures] = new("features", true, "features"),
            [ArgumentNames.NormGroups] = new("NormGroups", false, "norm_groups"),
            [ArgumentNames.ActParameter] = new("ActParameter", false, "act_parameter"),
            [ArgumentNames.Dropout] = new("Dropout", false, "dropout"),
            [ArgumentNames.Skip] = new("Skip", false, "skip"),
            [ArgumentNames.Merge] = new("Merge", false, "merge", "Merge"),
            [ArgumentNames.Filter] = new("HighPass", false, "high_pass"),
            [ArgumentNames.TiedTo] = new("TiedTo", false, "tied_to"),
            [ArgumentNames.Dims] = new("size", true, "size"),
            [ArgumentNames.LatentKind] = new("Kind", false, "kind", "LatentKind"),
            [ArgumentNames.Channels] = new("size", true, "size"),
            [ArgumentNames.ProjectTo] = new("ProjectTo", false, "project_to"),
            [ArgumentNames.CodeLearningRate] = new("CodeLr", false, "code_lr"),
            [ArgumentNames.FitSteps] = new("FitSteps", false, "fit_steps"),
            [ArgumentNames.Amount] = new("amount", true, "amount"),
            [ArgumentNames.Weight] = new("Weight", false, "weight"),
            [ArgumentNames.Levels] = new("Levels", false, "levels"),
            [ArgumentNames.Layers] = new("Layers", false, "layers"),
            [ArgumentNames.Classes] = new("Classes", false, "classes"),
            [ArgumentNames.TargetKind] = new("kind", true, "kind", "TargetKind"),
            [ArgumentNames.Residual] = new("Residual", false, "residual"),
            [ArgumentNames.Freeze] = new("Freeze", false, "freeze"),
            [ArgumentNames.Hidden] = new("Hidden", false, "hidden"),
            [ArgumentNames.Labels] = new("Labels", false, "labels"),
            [ArgumentNames.Epochs] = new("Epochs", false, "epochs"),
            [ArgumentNames.BatchSize] = new("Batch", false, "batch"),
            [ArgumentNames.LearningRate] = new("Lr", false, "lr"),
            [ArgumentNames.MinLearningRate] = new("MinLr", false, "min_lr"),
            [ArgumentNames.Momentum] = new("Momentum", false, "momentum"),
            [ArgumentNames.Nesterov] = new("Nesterov", false, "nesterov"),
            [ArgumentNames.WeightDecay] = new("WeightDecay", false, "weight_decay"),
            [ArgumentNames.Beta1] = new("Beta1", false, "beta1"),
            [ArgumentNames.Beta2] = new("Beta2", false, "beta2"),
            [ArgumentNames.StepSize] = new("StepSize", false, "step_size"),
            [ArgumentNames.Gamma] = new("Gamma", false, "gamma"),
            [ArgumentNames.GradientClip] = new("ClipNorm", false, "clip_norm"),
            [ArgumentNames.ValidationFraction] = new("Validation", false, "validation"),
            [ArgumentNames.EarlyStoppingPatience] = new("Patience", false, "patience"),
            [ArgumentNames.MemoryBudget] = new("MemoryBudget", false, "memory_budget"),
        };

        /// <summary>Every IR argument a message may name, with its spellings (for the test that checks them).</summary>
        public static IReadOnlyDictionary<string, Spelling> All => Table;

        /// <summary><c>«Stride = {0}»</c>: the mark for setting <paramref name="argument"/> to <paramref name="value"/>.</summary>
        public static string Set(string argument, object value) => Open + argument + " = " + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) + Close;

        /// <summary><c>«Stride»</c>: the mark for naming <paramref name="argument"/>.</summary>
        public static string Name(string argument) => Open + argument + Close;

        /// <summary>
        /// <paramref name="message"/> with every mark spelt for <paramref name="frontEnd"/>. A mark naming an argument this
        /// table does not know keeps its text (the test over all IR names keeps that from happening); a stray
        /// <see cref="Open"/> without <see cref="Close"/> is left as it is.
        /// </summary>
        public static string Render(string message, FrontEnd frontEnd)
        {
            if (message.IndexOf(Open) < 0)
            {
                return message;
            }

            var text = new StringBuilder(message.Length);
            var position = 0;
            while (position < message.Length)
            {
                var open = message.IndexOf(Open, position);
                var close = open < 0 ? -1 : message.IndexOf(Close, open + 1);
                if (close < 0)
                {
                    text.Append(message, position, message.Length - position);
                    break;
                }

                text.Append(message, position, open - position);
                text.Append(RenderMark(message.Substring(open + 1, close - open - 1), frontEnd));
                position = close + 1;
            }

            return text.ToString();
        }

        private static string RenderMark(string mark, FrontEnd frontEnd)
        {
            var equals = mark.IndexOf(" = ", StringComparison.Ordinal);
            var argument = equals < 0 ? mark : mark.Substring(0, equals);
            if (!Table.TryGetValue(argument, out var spelling))
            {
                return mark;
            }

            if (equals < 0)
            {
                return frontEnd == FrontEnd.Yaml ? spelling.Yaml : spelling.CSharp;
            }

            var value = mark.Substring(equals + 3);
            return frontEnd == FrontEnd.Yaml ? spelling.Yaml + ": " + YamlValue(value) : CSharpAssignment(argument, value);
        }

        /// <summary>One C# attribute argument an edit writes or removes.</summary>
        /// <param name="Name">The property, or the constructor parameter when <paramref name="Positional"/>.</param>
        /// <param name="Positional">True for a constructor argument (written <c>features: 784</c>, found by name or position).</param>
        /// <param name="Expression">The C# value (<c>2</c>, <c>true</c>, <c>Pad.Same</c>); null: remove the argument.</param>
        public sealed record CSharpArgument(string Name, bool Positional, string? Expression)
        {
            /// <summary><c>Stride = 2</c>, <c>features: 784</c>, or <c>remove Scale</c>.</summary>
            public override string ToString() => Expression is null ? "remove " + Name : Positional ? Name + ": " + Expression : Name + " = " + Expression;
        }

        /// <summary>
        /// The C# attribute arguments <paramref name="edit"/> changes; empty when the table does not know its argument.
        /// Padding by name is C#'s separate <c>Pad</c> argument, and an explicit <c>Padding</c> overrides it, so
        /// <c>Padding = Same</c> writes <c>Pad = Pad.Same</c> and removes <c>Padding</c>, and <c>Padding = 1</c> removes <c>Pad</c>.
        /// </summary>
        public static IReadOnlyList<CSharpArgument> ForCSharp(ArgumentEdit edit)
        {
            if (!Table.TryGetValue(edit.Argument, out var spelling))
            {
                return Array.Empty<CSharpArgument>();
            }

            if (edit.Argument == ArgumentNames.Padding && edit.Value is { } padding)
            {
                return IsWord(padding)
                    ? new[] { new CSharpArgument("Pad", false, "Pad." + padding), new CSharpArgument(spelling.CSharp, false, null) }
                    : new[] { new CSharpArgument(spelling.CSharp, false, padding), new CSharpArgument("Pad", false, null) };
            }

            var expression = edit.Value is not { } value ? null : spelling.CSharpEnum is not null && IsWord(value) ? spelling.CSharpEnum + "." + value : value;
            return new[] { new CSharpArgument(spelling.CSharp, spelling.Positional, expression) };
        }

        /// <summary><c>Stride = 2</c>, <c>features: 784</c>, <c>Merge = Merge.Concat</c>, <c>Pad = Pad.Same</c>: what a C# message writes for setting an argument.</summary>
        private static string CSharpAssignment(string argument, string value) => ForCSharp(new ArgumentEdit(argument, value))[0].ToString();

        /// <summary>YAML writes option names in snake_case (<c>Same</c> is <c>same</c>); numbers and booleans as they are.</summary>
        private static string YamlValue(string value) => IsWord(value) ? SnakeCase(value) : value;

        private static bool IsWord(string value) => value.Length > 0 && char.IsUpper(value[0]) && value.IndexOf(' ') < 0;

        private static string SnakeCase(string word)
        {
            var text = new StringBuilder(word.Length + 4);
            for (var i = 0; i < word.Length; i++)
            {
                if (char.IsUpper(word[i]) && i > 0)
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(word[i]));
            }

            return text.ToString();
        }
    }
}
