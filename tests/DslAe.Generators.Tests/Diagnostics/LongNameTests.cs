using DslAe.Generators.Emit;
using DslAe.Generators.Tests.Infrastructure;
using DslAe.Generators.Tests.Yaml;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>
/// Issue 13, item 3: a model name of hundreds of characters must not turn into a file name under obj/ that the file
/// system refuses (CS0016 with EmitCompilerGeneratedFiles). Hint names stay bounded, distinct, and the code compiles.
/// </summary>
public sealed class LongNameTests
{
    private static readonly string LongName = "Autoencoder" + string.Concat(Enumerable.Repeat("WithAVeryLongName", 18));

    [Fact]
    public void A_csharp_model_with_a_very_long_name_gets_short_distinct_hint_names_and_compiles()
    {
        var source = DiagnosticCase.Ae("""
            [Conv(4, Stride = 2)] public partial Stage Enc1 { get; }
            [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
            """).Replace("partial record Ae", "partial record " + LongName, StringComparison.Ordinal);
        Assert.Contains(LongName, source, StringComparison.Ordinal);
        var other = source.Replace(LongName, LongName + "Two", StringComparison.Ordinal);

        var outcome = Generate.Run(("Cases/Long.cs", source), ("Cases/LongTwo.cs", other));

        AssertBounded(outcome);
        Assert.Empty(outcome.CompilerDiagnostics());
        Assert.Contains(outcome.Sources.Values, text => text.Contains("class " + LongName + "Module", StringComparison.Ordinal));
    }

    [Fact]
    public void A_yaml_model_with_a_very_long_name_gets_short_hint_names()
    {
        var yaml = $$"""
            name: {{LongName}}
            input: [1, 28, 28]
            encoder:
              - { name: Enc1, conv: { out_channels: 4, kernel: 3, stride: 2 } }
            decoder:
              - { name: Dec1, conv_t: { out_channels: 1, kernel: 3, stride: 2 } }
            """;
        var outcome = YamlGenerate.Run("models/long.dslae.yaml", yaml);
        Assert.DoesNotContain(outcome.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        AssertBounded(outcome);
    }

    private static void AssertBounded(GeneratorOutcome outcome)
    {
        var hints = outcome.Sources.Keys.ToList();
        Assert.True(hints.Count >= 2, string.Join(", ", hints));
        Assert.All(hints, h => Assert.True(h.Length <= HintNames.MaxStem + ".Declaration.g.cs".Length, $"{h.Length} characters: {h}"));
        Assert.Equal(hints.Count, hints.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
