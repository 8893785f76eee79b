using System.Reflection;
using System.Text.RegularExpressions;
using DslAe.Model;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>
/// The check behind "every fix names an argument of the front end it is printed for": the arguments a message sets or
/// names, read from its text, must exist in the declaration language of the model it is about. C# arguments are the
/// settable properties and constructor parameters of DslAe's attributes (found by reflection, so a rename there
/// breaks this); YAML arguments are <see cref="YamlSchema"/>'s keys. Quoted text is the user's own and is skipped.
/// </summary>
public static partial class ArgumentsInMessages
{
    private static readonly Type[] Attributes = typeof(DslAe.AutoencoderAttribute).Assembly.GetExportedTypes()
        .Where(t => typeof(Attribute).IsAssignableFrom(t) && t.Namespace == "DslAe")
        .ToArray();

    /// <summary>Attribute properties a C# declaration sets with <c>Name = value</c>.</summary>
    public static IReadOnlySet<string> CSharpProperties { get; } = Attributes
        .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        .Where(p => p.CanWrite)
        .Select(p => p.Name)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Attribute constructor parameters, written <c>name: value</c> when named.</summary>
    public static IReadOnlySet<string> CSharpParameters { get; } = Attributes
        .SelectMany(t => t.GetConstructors())
        .SelectMany(c => c.GetParameters())
        .Select(p => p.Name!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every key of the YAML language.</summary>
    public static IReadOnlySet<string> YamlKeys { get; } = YamlSchema.All.SelectMany(s => s.Keys).Concat(YamlSchema.Layers.Select(l => l.Name)).ToHashSet(StringComparer.Ordinal);

    /// <summary>C# spellings that are not also YAML spellings (<c>OutputPadding</c>, <c>Lr</c>): never in a YAML message.</summary>
    private static readonly string[] CSharpOnly = ArgumentSpelling.All.Values.Select(s => s.CSharp).Where(c => !YamlKeys.Contains(c)).Distinct().ToArray();

    /// <summary>YAML spellings of more than one word (<c>output_padding</c>): never in a C# message.</summary>
    private static readonly string[] YamlOnly = ArgumentSpelling.All.Values.Select(s => s.Yaml).Where(y => y.Contains('_')).Distinct().ToArray();

    /// <summary>What is wrong with the arguments <paramref name="message"/> names, for a model written in <paramref name="frontEnd"/>; empty when nothing is.</summary>
    public static IReadOnlyList<string> Problems(string message, FrontEnd frontEnd)
    {
        var problems = new List<string>();
        if (message.IndexOf(ArgumentSpelling.Open) >= 0 || message.IndexOf(ArgumentSpelling.Close) >= 0)
        {
            problems.Add("an argument mark was left unrendered");
        }

        var text = Quoted().Replace(message, "'…'");
        foreach (Match set in PropertySet().Matches(text))
        {
            var name = set.Groups[1].Value;
            if (frontEnd == FrontEnd.Yaml)
            {
                problems.Add($"'{set.Value.Trim()}' is C# spelling in a YAML message");
            }
            else if (!CSharpProperties.Contains(name))
            {
                problems.Add($"'{name}' is no property of a DslAe attribute");
            }
        }

        foreach (Match set in NamedSet().Matches(text))
        {
            var name = set.Groups[1].Value;
            if (frontEnd == FrontEnd.Yaml ? !YamlKeys.Contains(name) : !CSharpParameters.Contains(name))
            {
                problems.Add(frontEnd == FrontEnd.Yaml ? $"'{name}' is no YAML key" : $"'{name}' is no constructor parameter of a DslAe attribute");
            }
        }

        foreach (var word in frontEnd == FrontEnd.Yaml ? CSharpOnly : YamlOnly)
        {
            if (Regex.IsMatch(text, @"(?<![\w.])" + Regex.Escape(word) + @"(?![\w(])"))
            {
                problems.Add($"'{word}' is {(frontEnd == FrontEnd.Yaml ? "C#" : "YAML")} spelling in a {(frontEnd == FrontEnd.Yaml ? "YAML" : "C#")} message");
            }
        }

        return problems;
    }

    /// <summary>Asserts <see cref="Problems"/> is empty, naming the message and the context.</summary>
    public static void AssertSpeltFor(FrontEnd frontEnd, string message, string context = "")
    {
        var problems = Problems(message, frontEnd);
        Assert.True(problems.Count == 0, $"{context}{frontEnd} message \"{message}\": {string.Join("; ", problems)}");
    }

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex Quoted();

    /// <summary><c>Stride = 2</c>, <c>Pad = Pad.Same</c>.</summary>
    [GeneratedRegex(@"(?<![\w.])([A-Z][A-Za-z0-9]*) = ")]
    private static partial Regex PropertySet();

    /// <summary>
    /// <c>features: 784</c> in C#, <c>stride: 2</c> in YAML: a lower-case word, a colon and a value (a number, a
    /// boolean, a list, an option, or an enum member), not prose such as "cannot be used: it names".
    /// </summary>
    [GeneratedRegex(@"(?<![\w.])([a-z][A-Za-z0-9_]*): (?=-?\d|true\b|false\b|\[|[A-Z]\w*\.\w|[a-z_]+(?:[,;)]|$| on | and | or ))")]
    private static partial Regex NamedSet();
}
