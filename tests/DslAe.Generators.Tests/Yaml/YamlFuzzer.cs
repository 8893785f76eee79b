using System.Text;
using DslAe.Model;

namespace DslAe.Generators.Tests.Yaml;

/// <summary>
/// Seeded generator of hostile YAML documents: mutations of valid declarations (characters, lines, tokens),
/// truncations, random trees built from the schema's keys, and random text. Same seed, same documents.
/// </summary>
public sealed class YamlFuzzer(int seed, IReadOnlyList<string> corpus)
{
    private static readonly string[] Significant =
        [":", "-", "- ", "[", "]", "{", "}", ",", "#", "&a", "*a", "!", "!!str", "|", ">", "'", "\"", "\t", "\n", " ", "  ", "?", "%", "@", "`", "---", "...", "\\", "\u00e9", "\u2028", "\0", "\uFEFF", "\r\n"];

    private static readonly string[] Values =
        ["0", "-1", "1", "2", "3", "28", "99999999999", "1.5", "-0.0", "1e309", ".nan", ".inf", "true", "false", "null", "~", "\"\"", "\"32\"", "relu", "same", "valid", "Enc1", "Pool1", "enc 1", "[]", "{}", "[1, 2]", "[1, 28, 28]", "{ out_channels: 4 }"];

    private readonly Random _random = new(seed);
    private readonly string[] _keys = YamlSchema.All.SelectMany(s => s.Keys).Concat(YamlSchema.Layers.Select(l => l.Name)).Distinct().ToArray();

    /// <summary>The next document and what kind of damage it carries (for failure messages).</summary>
    public (string Kind, string Text) Next()
    {
        var roll = _random.Next(100);
        var source = corpus[_random.Next(corpus.Count)];
        return roll switch
        {
            < 30 => ("characters", MutateCharacters(source)),
            < 48 => ("truncated", source.Substring(0, _random.Next(source.Length + 1))),
            < 64 => ("lines", MutateLines(source)),
            < 80 => ("tokens", MutateTokens(source)),
            < 94 => ("tree", RandomTree()),
            _ => ("noise", RandomText()),
        };
    }

    private string MutateCharacters(string text)
    {
        var builder = new StringBuilder(text);
        for (var edits = 1 + _random.Next(4); edits > 0 && builder.Length > 0; edits--)
        {
            var at = _random.Next(builder.Length);
            switch (_random.Next(3))
            {
                case 0:
                    builder.Insert(at, Pick(Significant));
                    break;
                case 1:
                    builder.Remove(at, Math.Min(builder.Length - at, 1 + _random.Next(8)));
                    break;
                default:
                    builder[at] = Pick(Significant)[0];
                    break;
            }
        }

        return builder.ToString();
    }

    private string MutateLines(string text)
    {
        var lines = text.Split('\n').ToList();
        var at = _random.Next(lines.Count);
        var other = _random.Next(lines.Count);
        switch (_random.Next(4))
        {
            case 0:
                (lines[at], lines[other]) = (lines[other], lines[at]);
                break;
            case 1:
                lines.Insert(at, lines[other]);
                break;
            case 2:
                lines.RemoveAt(at);
                break;
            default:
                lines[at] = new string(' ', _random.Next(7)) + lines[at].TrimStart();
                break;
        }

        return string.Join("\n", lines);
    }

    /// <summary>Replaces one value or key with another of the right or wrong kind: type errors and bad values.</summary>
    private string MutateTokens(string text)
    {
        var builder = new StringBuilder(text);
        for (var edits = 1 + _random.Next(3); edits > 0; edits--)
        {
            var content = builder.ToString();
            var colon = content.IndexOf(':', _random.Next(Math.Max(1, content.Length)));
            if (colon < 0)
            {
                break;
            }

            var end = colon + 1;
            while (end < content.Length && content[end] is not (',' or '}' or ']' or '\n'))
            {
                end++;
            }

            if (_random.Next(3) == 0)
            {
                // Rename the key before the colon (typos, other sections' keys).
                var start = colon;
                while (start > 0 && (char.IsLetterOrDigit(content[start - 1]) || content[start - 1] == '_'))
                {
                    start--;
                }

                builder.Remove(start, colon - start).Insert(start, _random.Next(2) == 0 ? Pick(_keys) : Typo(content.Substring(start, colon - start)));
            }
            else
            {
                builder.Remove(colon + 1, end - colon - 1).Insert(colon + 1, " " + Pick(Values));
            }
        }

        return builder.ToString();
    }

    private string Typo(string word) => word.Length < 2 ? word + "x" : word.Remove(_random.Next(word.Length), 1);

    private string RandomTree()
    {
        var builder = new StringBuilder();
        var mapping = new StringBuilder();
        foreach (var key in new[] { "name", "input", "encoder", "latent", "decoder", "loss", "train", "corrupt" }.Where(_ => _random.Next(3) > 0))
        {
            mapping.Append(key).Append(": ").Append(Node(key, 0)).Append('\n');
        }

        builder.Append(mapping);
        return builder.ToString();
    }

    private string Node(string key, int depth)
    {
        if (depth > 3 || _random.Next(4) == 0)
        {
            return key switch
            {
                "name" or "of" or "skip" => "A" + _random.Next(5),
                _ => Pick(Values),
            };
        }

        return _random.Next(3) switch
        {
            0 => "[" + string.Join(", ", Enumerable.Range(0, _random.Next(4)).Select(_ => Node(Pick(_keys), depth + 1))) + "]",
            _ => "{ " + string.Join(", ", Enumerable.Range(0, _random.Next(5)).Select(_ =>
            {
                var child = Pick(_keys);
                return child + ": " + Node(child, depth + 1);
            })) + " }",
        };
    }

    private string RandomText()
    {
        var builder = new StringBuilder();
        for (var i = _random.Next(200); i > 0; i--)
        {
            builder.Append(_random.Next(3) == 0 ? Pick(Significant) : ((char)_random.Next(1, 0x3000)).ToString());
        }

        return builder.ToString();
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
