using System;
using System.Collections.Generic;
using System.Linq;
using DslAe.Model;

namespace DslAe.Generators.Yaml
{
    /// <summary>
    /// Typed access to one YAML mapping of the declaration. On creation it reports keys that are not scalars,
    /// duplicates and keys unknown at this place (with a did-you-mean); each getter reports a value of the wrong
    /// type and returns null for it, so the caller only decides defaults. Messages start with <see cref="Owner"/>
    /// ("Enc1", "Enc1 conv", "train").
    /// </summary>
    internal sealed class MappingReader
    {
        private readonly Dictionary<string, DocEntry> _entries = new Dictionary<string, DocEntry>(StringComparer.Ordinal);

        // Keys some unknown key here was probably meant as: their own "missing key" error would say the same thing twice.
        private readonly HashSet<string> _suggested = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<DiagnosticInfo> _diagnostics;

        public MappingReader(DocMapping mapping, string owner, IReadOnlyCollection<string> acceptedKeys, List<DiagnosticInfo> diagnostics)
        {
            Mapping = mapping;
            Owner = owner;
            _diagnostics = diagnostics;
            foreach (var entry in mapping.Entries)
            {
                var key = entry.KeyText;
                if (key is null)
                {
                    Report(YamlFrontEndRules.WrongType, entry.Key.Location, owner, "key", "a plain name such as 'kernel'", entry.Key.Describe());
                    continue;
                }

                if (_entries.TryGetValue(key, out var first))
                {
                    Report(YamlFrontEndRules.DuplicateKey, entry.Key.Location, owner, key, first.Key.Location.StartLine + 1);
                    continue;
                }

                if (!acceptedKeys.Contains(key))
                {
                    Report(YamlFrontEndRules.UnknownKey, entry.Key.Location, owner, key, Suggestions.For(key, acceptedKeys, "keys here"));
                    if (Suggestions.Closest(key, acceptedKeys.ToList()) is { } meant)
                    {
                        _suggested.Add(meant);
                    }

                    continue;
                }

                _entries.Add(key, entry);
            }
        }

        public DocMapping Mapping { get; }

        public string Owner { get; }

        /// <summary>The accepted keys present, in written order.</summary>
        public IEnumerable<DocEntry> Entries => Mapping.Entries.Where(e => e.KeyText is { } key && _entries.TryGetValue(key, out var kept) && ReferenceEquals(kept, e));

        /// <summary>True when the key is written (even as null).</summary>
        public bool Has(string key) => _entries.ContainsKey(key);

        /// <summary>True when the key is written with a value other than null.</summary>
        public bool IsSet(string key) => _entries.TryGetValue(key, out var entry) && !(entry.Value is DocScalar { IsNull: true });

        public DocNode? Node(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

        /// <summary>Where "key: value" is written, or the mapping when the key is absent.</summary>
        public SourceLocation LocationOf(string key) => _entries.TryGetValue(key, out var entry) ? entry.Location : Mapping.Location;

        /// <summary>Locations of the keys present, named by <paramref name="argumentName"/> (the IR's <see cref="ArgumentNames"/>).</summary>
        public IEnumerable<ArgumentLocation> ArgumentLocations(Func<string, string?> argumentName)
        {
            foreach (var entry in Entries)
            {
                if (argumentName(entry.KeyText!) is { } name)
                {
                    yield return new ArgumentLocation(name, entry.Location);
                }
            }
        }

        public int? Int(string key, bool nullable = false) => Scalar(key, nullable, "an integer", text =>
            YamlText.TryParseInt(text, out var value) ? value : (int?)null);

        public double? Double(string key, bool nullable = false) => Scalar(key, nullable, "a number", text =>
            YamlText.TryParseDouble(text, out var value) ? value : (double?)null);

        public bool? Bool(string key) => Scalar(key, false, "true or false", text =>
            YamlText.TryParseBool(text, out var value) ? value : (bool?)null);

        /// <summary>A string value (a stage name, a data set); plain or quoted.</summary>
        public string? String(string key, bool nullable = false)
        {
            if (!_entries.TryGetValue(key, out var entry) || IsAllowedNull(entry, nullable))
            {
                return null;
            }

            if (entry.Value is DocScalar { IsNull: false } scalar)
            {
                return scalar.Value;
            }

            WrongType(entry, key, "a name or text");
            return null;
        }

        /// <summary>One of the options of <paramref name="options"/>; null (with a diagnostic) for anything else.</summary>
        public bool TryOption<T>(string key, YamlOptions<T> options, out T value)
        {
            value = default!;
            if (!_entries.TryGetValue(key, out var entry))
            {
                return false;
            }

            if (entry.Value is not DocScalar { IsNull: false } scalar)
            {
                WrongType(entry, key, "one of " + string.Join(", ", options.Names));
                return false;
            }

            if (options.TryParse(scalar.Value, out value))
            {
                return true;
            }

            var suggestion = Suggestions.Closest(scalar.Value, options.Names.ToList());
            Report(YamlFrontEndRules.UnknownValue, entry.Location, Owner, key, scalar.Value, string.Join(", ", options.Names),
                suggestion is null ? string.Empty : "; did you mean '" + suggestion + "'?");
            return false;
        }

        /// <summary>A list of exactly <paramref name="count"/> integers, e.g. a shape; null when absent, null or malformed.</summary>
        public int[]? IntList(string key, int count, string meaning, bool nullable = false)
        {
            if (!_entries.TryGetValue(key, out var entry) || IsAllowedNull(entry, nullable))
            {
                return null;
            }

            var expected = "a list of " + count + " integers (" + meaning + ")";
            if (entry.Value is not DocSequence sequence)
            {
                WrongType(entry, key, expected);
                return null;
            }

            var values = new int[sequence.Items.Count];
            for (var i = 0; i < values.Length; i++)
            {
                if (sequence.Items[i] is not DocScalar { IsPlain: true } item || !YamlText.TryParseInt(item.Value, out values[i]))
                {
                    Report(YamlFrontEndRules.WrongType, sequence.Items[i].Location, Owner, key + "[" + i + "]", "an integer", sequence.Items[i].Describe());
                    return null;
                }
            }

            if (values.Length != count)
            {
                WrongType(entry, key, expected, "a list of " + values.Length);
                return null;
            }

            return values;
        }

        /// <summary>A list of names (stage names of a loss); null when absent.</summary>
        public List<string>? NameList(string key)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return null;
            }

            if (entry.Value is not DocSequence sequence)
            {
                WrongType(entry, key, "a list of stage names, e.g. [Enc1, Enc2]");
                return null;
            }

            var names = new List<string>();
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                if (sequence.Items[i] is DocScalar { IsNull: false } item)
                {
                    names.Add(item.Value);
                }
                else
                {
                    Report(YamlFrontEndRules.WrongType, sequence.Items[i].Location, Owner, key + "[" + i + "]", "a stage name", sequence.Items[i].Describe());
                }
            }

            return names;
        }

        /// <summary>
        /// Reports a key the model cannot do without, unless a misspelling of it was written (its unknown-key error already
        /// says "did you mean"; the reading still stops, so nothing is built from the incomplete mapping).
        /// </summary>
        public void Missing(string key, string hint)
        {
            if (!_suggested.Contains(key))
            {
                Report(YamlFrontEndRules.MissingKey, Mapping.Location, Owner, key, hint);
            }
        }

        /// <summary>Reports a key that means nothing in this combination.</summary>
        public void DoesNotApply(string key, string appliesTo, string fix) =>
            Report(YamlFrontEndRules.KeyDoesNotApply, LocationOf(key), Owner, key, appliesTo, fix);

        public void WrongType(DocEntry entry, string key, string expected, string? received = null) =>
            Report(YamlFrontEndRules.WrongType, entry.Value.Location, Owner, key, expected, received ?? entry.Value.Describe());

        private T? Scalar<T>(string key, bool nullable, string expected, Func<string, T?> parse)
            where T : struct
        {
            if (!_entries.TryGetValue(key, out var entry) || IsAllowedNull(entry, nullable))
            {
                return null;
            }

            if (entry.Value is DocScalar { IsPlain: true, IsNull: false } scalar && parse(scalar.Value) is { } value)
            {
                return value;
            }

            var received = entry.Value is DocScalar { IsPlain: true } plain && YamlText.LooksLikeInteger(plain.Value) && expected == "an integer"
                ? "the number " + plain.Value + ", outside the integer range"
                : entry.Value.Describe();
            WrongType(entry, key, expected + (nullable ? " or null" : string.Empty), received);
            return null;
        }

        private static bool IsAllowedNull(DocEntry entry, bool nullable) => nullable && entry.Value is DocScalar { IsNull: true };

        private void Report(DiagnosticRule rule, SourceLocation location, params object[] args) => _diagnostics.Add(rule.Create(location, args));
    }
}
