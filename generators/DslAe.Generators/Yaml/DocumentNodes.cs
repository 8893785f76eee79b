using System.Collections.Generic;
using DslAe.Model;

namespace DslAe.Generators.Yaml
{
    /// <summary>
    /// The parsed YAML document as a small tree of our own: every node keeps its source location, mappings keep
    /// their entries in order and with duplicates (so a duplicate key can be reported rather than lost), and
    /// scalars remember whether they were plain (only plain scalars are numbers, booleans or null).
    /// </summary>
    internal abstract class DocNode
    {
        protected DocNode(SourceLocation location)
        {
            Location = location;
        }

        /// <summary>Where the node is written.</summary>
        public SourceLocation Location { get; set; }

        /// <summary>How a message names the node's type ("a mapping", "the string \"32\"").</summary>
        public abstract string Describe();
    }

    /// <summary>A scalar: its text and whether it was written plain (unquoted, not a block scalar).</summary>
    internal sealed class DocScalar : DocNode
    {
        public DocScalar(string value, bool isPlain, SourceLocation location)
            : base(location)
        {
            Value = value;
            IsPlain = isPlain;
        }

        public string Value { get; }

        public bool IsPlain { get; }

        /// <summary>A plain empty, ~ or null scalar.</summary>
        public bool IsNull => IsPlain && YamlText.IsNull(Value);

        public override string Describe()
        {
            if (IsNull)
            {
                return "null";
            }

            var shown = Value.Length > 40 ? Value.Substring(0, 40) + "..." : Value;
            if (!IsPlain)
            {
                return "the string \"" + shown + "\"";
            }

            if (YamlText.TryParseBool(Value, out _))
            {
                return "the boolean " + shown;
            }

            return YamlText.TryParseDouble(Value, out _) ? "the number " + shown : "'" + shown + "'";
        }
    }

    /// <summary>A sequence (block "- item" or flow "[a, b]").</summary>
    internal sealed class DocSequence : DocNode
    {
        public DocSequence(SourceLocation location)
            : base(location)
        {
        }

        public List<DocNode> Items { get; } = new List<DocNode>();

        public override string Describe() => "a list";
    }

    /// <summary>A mapping (block "key: value" lines or flow "{ key: value }"), entries in written order.</summary>
    internal sealed class DocMapping : DocNode
    {
        public DocMapping(SourceLocation location)
            : base(location)
        {
        }

        public List<DocEntry> Entries { get; } = new List<DocEntry>();

        public override string Describe() => "a mapping";
    }

    /// <summary>One key and its value; <see cref="Location"/> spans from the key to the end of the value.</summary>
    internal sealed class DocEntry
    {
        public DocEntry(DocNode key, DocNode value, SourceLocation location)
        {
            Key = key;
            Value = value;
            Location = location;
        }

        public DocNode Key { get; }

        public DocNode Value { get; }

        public SourceLocation Location { get; }

        /// <summary>The key's text when it is a scalar, else null (complex keys are reported as wrong types).</summary>
        public string? KeyText => Key is DocScalar scalar ? scalar.Value : null;
    }
}
