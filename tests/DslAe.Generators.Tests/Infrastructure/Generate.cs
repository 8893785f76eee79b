using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslAe.Generators.Tests.Infrastructure;

/// <summary>Builds in-memory compilations of C# declarations and runs the DslAe generator over them.</summary>
public static class Generate
{
    /// <summary>The language the SDK compiles net10 projects with (partial properties need C# 13 or later).</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>Compilation options like the SDK's: nullable enabled, the highest warning level.</summary>
    public static CSharpCompilationOptions CompilationOptions { get; } = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        warningLevel: 9999,
        // The SDK writes an implicit `using System;` etc.; declarations here spell what they use.
        generalDiagnosticOption: ReportDiagnostic.Default);

    /// <summary>One syntax tree per (path, text) pair.</summary>
    public static CSharpCompilation Compilation(params (string Path, string Text)[] files) =>
        CSharpCompilation.Create(
            "Models" + Guid.NewGuid().ToString("N"),
            files.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path)),
            References.Framework,
            CompilationOptions);

    /// <summary>A driver with step tracking on, as the caching tests need.</summary>
    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        [new DslAeGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once over <paramref name="files"/>.</summary>
    public static GeneratorOutcome Run(params (string Path, string Text)[] files) => Run(Compilation(files));

    public static GeneratorOutcome Run(Compilation compilation)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorOutcome(compilation, output, driver.GetRunResult());
    }
}

/// <summary>What one generator run produced.</summary>
public sealed record GeneratorOutcome(Compilation Input, Compilation Output, GeneratorDriverRunResult RunResult)
{
    /// <summary>Diagnostics the generator reported (DSLAE…), in source order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => RunResult.Diagnostics;

    /// <summary>Generated files by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources => RunResult.Results
        .SelectMany(r => r.GeneratedSources)
        .ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>The generated file whose hint name ends with <paramref name="suffix"/>.</summary>
    public string Source(string suffix)
    {
        var matches = Sources.Where(s => s.Key.EndsWith(suffix, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, "Expected one generated file ending in '" + suffix + "', found: " + string.Join(", ", Sources.Keys));
        return matches[0].Value;
    }

    /// <summary>The generator never throws: no exception in any result and no CS8785 (the compiler's "generator failed").</summary>
    public void AssertNoGeneratorFailure()
    {
        foreach (var result in RunResult.Results)
        {
            Assert.True(result.Exception is null, "The generator threw: " + result.Exception);
        }

        var failures = Output.GetDiagnostics().Concat(Diagnostics).Where(d => d.Id is "CS8785" or "DSLAE199").ToList();
        Assert.True(failures.Count == 0, "Generator failure reported: " + string.Join("\n", failures));
    }

    /// <summary>Errors and warnings of the input plus generated code (what a build would print).</summary>
    public IReadOnlyList<Diagnostic> CompilerDiagnostics() =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}
