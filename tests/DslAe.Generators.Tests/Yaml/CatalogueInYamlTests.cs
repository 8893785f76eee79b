using System.Text.RegularExpressions;
using DslAe.Generators.Tests.Diagnostics;
using DslAe.Generators.Tests.Infrastructure;
using DslAe.Model;
using Microsoft.CodeAnalysis.Text;

namespace DslAe.Generators.Tests.Yaml;

/// <summary>
/// Every model rule of the catalogue on a YAML model: each C# diagnostic case is turned into YAML with the
/// effective-declaration writer, and the YAML run must report the same ID and message, located in the YAML file at
/// the key that corresponds to the C# argument the C# case marks (or at the element when the C# case marks a whole
/// attribute).
/// </summary>
public sealed partial class CatalogueInYamlTests
{
    private const string YamlPath = "/cases/Ae.dslae.yaml";

    public static TheoryData<string> ModelRuleCases => new(DiagnosticCases.All
        .Where(c => string.CompareOrdinal(c.Id, "DSLAE100") < 0)
        .Select(c => c.Id)
        .Distinct());

    [Theory]
    [MemberData(nameof(ModelRuleCases))]
    public void TheRuleFiresOnTheYamlTwinAtTheCorrespondingKey(string id)
    {
        var testCase = DiagnosticCases.All.First(c => c.Id == id);
        var csharp = MarkedSource.Parse(testCase.MarkedSource);
        var spec = Assert.Single(Generate.Run((DiagnosticCase.FilePath, csharp.Text)).CSharpModels()).Spec!;
        var yaml = EffectiveDeclaration.Write(spec);

        var outcome = YamlGenerate.Run(YamlPath, yaml);
        outcome.AssertNoGeneratorFailure();
        var diagnostic = outcome.Diagnostics.FirstOrDefault(d => d.Id == id);
        Assert.True(diagnostic is not null, "No " + id + " on\n" + yaml + "\nreported:\n" + outcome.Diagnostics.Describe());
        // The same sentence, the arguments it names spelt the YAML way (and only arguments YAML has).
        // DSLAE021's example of an input shape and DSLAE033's of a target are whole declarations, not arguments: each
        // language gives its own.
        var expected = testCase.Message.Replace("[Autoencoder(1, 28, 28)]", "input: [1, 28, 28]", StringComparison.Ordinal)
            .Replace("[Target(TargetKind.PixelLabels)]", "target: { kind: pixel_labels }", StringComparison.Ordinal)
            .Replace("[Target(TargetKind.Labels)]", "target: { kind: labels }", StringComparison.Ordinal);
        Assert.Equal(ArgumentsNeutral(expected), ArgumentsNeutral(diagnostic!.GetMessage()));
        ArgumentsInMessages.AssertSpeltFor(FrontEnd.Yaml, diagnostic.GetMessage(), yaml + "\n");
        Assert.Equal(YamlPath, diagnostic.Location.GetLineSpan().Path);

        var text = SourceText.From(yaml);
        var span = diagnostic.Location.SourceSpan;
        Assert.True(span.End <= text.Length && span.Length > 0, "span " + span + " outside\n" + yaml);
        var located = text.ToString(span);
        var argument = Argument().Match(csharp.Text.Substring(csharp.Span.Start, csharp.Span.Length));
        if (argument.Success)
        {
            Assert.StartsWith(YamlKey(argument.Groups[1].Value) + ":", located, StringComparison.Ordinal);
        }
    }

    /// <summary>The YAML key of a C# attribute argument: snake_case, with the few renamings docs/yaml.md lists.</summary>
    private static string YamlKey(string argument) => argument switch
    {
        "Pad" => "padding",
        "Features" => "features",
        _ => string.Concat(argument.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())),
    };

    /// <summary>
    /// <paramref name="message"/> with each argument it sets replaced by "‹set›" and each it names by "‹arg›", in either
    /// spelling (<c>Pad = Pad.Same</c>, <c>features: 784</c>, <c>output_padding: 1</c>, <c>OutputPadding</c>).
    /// </summary>
    private static string ArgumentsNeutral(string message)
    {
        var sets = Assignment().Replace(message, "‹set›");
        var words = ArgumentSpelling.All.Values.SelectMany(s => new[] { s.CSharp, s.Yaml }).Distinct().OrderByDescending(w => w.Length);
        return words.Aggregate(sets, (text, word) => Regex.Replace(text, @"(?<![\w.‹])" + Regex.Escape(word) + @"(?![\w(])", "‹arg›"));
    }

    [GeneratedRegex(@"(?<![\w.])[A-Za-z][A-Za-z0-9_]*(?: = |: )[\w.\-]+")]
    private static partial Regex Assignment();

    [GeneratedRegex("^([A-Z][A-Za-z]*)\\s*=")]
    private static partial Regex Argument();
}
