using System.Collections.Immutable;
using DslAe.Generators.Tests.Infrastructure;
using DslAe.Generators.Yaml;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace DslAe.Generators.Tests.Yaml;

/// <summary>A YAML file handed to the generator as an additional file, as MSBuild's AdditionalFiles would.</summary>
public sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Runs the generator over C# files and YAML additional files, and reads the models it compiled.</summary>
public static class YamlGenerate
{
    /// <summary>Runs once over <paramref name="yaml"/> files (path, text) and optional C# files.</summary>
    public static GeneratorOutcome Run(IEnumerable<(string Path, string Text)> yaml, params (string Path, string Text)[] csharp)
    {
        var compilation = Generate.Compilation(csharp);
        var driver = Driver(yaml.Select(y => (AdditionalText)new InMemoryAdditionalText(y.Path, y.Text)))
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorOutcome(compilation, output, driver.GetRunResult());
    }

    /// <summary>One YAML file.</summary>
    public static GeneratorOutcome Run(string path, string yaml) => Run([(path, yaml)]);

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> additionalTexts) => CSharpGeneratorDriver.Create(
        [new DslAeGenerator().AsSourceGenerator()],
        additionalTexts,
        Generate.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The YAML models the run compiled, by path (the value of the tracked YamlModels step).</summary>
    internal static IReadOnlyDictionary<string, CompiledModel> YamlModels(this GeneratorOutcome outcome) =>
        StepValues(outcome, YamlTrackingNames.YamlModels).Cast<YamlCompiledModel>().ToDictionary(m => m.Path, m => m.Model);

    /// <summary>The C# models the run compiled.</summary>
    internal static IReadOnlyList<CompiledModel> CSharpModels(this GeneratorOutcome outcome) =>
        StepValues(outcome, TrackingNames.CSharpModels).Cast<CompiledModel>().ToList();

    /// <summary>The one YAML model's spec, failing with its diagnostics when there is none.</summary>
    public static ModelSpec YamlSpec(this GeneratorOutcome outcome)
    {
        var model = Assert.Single(outcome.YamlModels().Values);
        Assert.True(model.Spec is not null, "No spec; diagnostics:\n" + string.Join("\n", model.Diagnostics));
        return model.Spec!;
    }

    /// <summary>Diagnostics of the run that are errors, as "ID line:col message" lines for assertion messages.</summary>
    public static string Describe(this ImmutableArray<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d => d.ToString()));

    private static IEnumerable<object> StepValues(GeneratorOutcome outcome, string step) =>
        outcome.RunResult.Results.SelectMany(r => r.TrackedSteps.TryGetValue(step, out var runs) ? runs : ImmutableArray<IncrementalGeneratorRunStep>.Empty)
            .SelectMany(run => run.Outputs.Select(o => o.Value));
}
