using DslAe.Generators.Tests.Infrastructure;
using DslAe.Generators.Tests.Models;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslAe.Generators.Tests.Caching;

/// <summary>
/// The pipeline's incremental caching, observed through step tracking: unchanged input re-emits nothing, an
/// unrelated edit leaves every model's outputs cached, editing one model re-emits that model alone, and no cached
/// value holds a symbol, syntax node, location or compilation.
/// </summary>
public sealed class IncrementalCachingTests
{
    /// <summary>
    /// The generator's own step names: the constants of every *TrackingNames class in its assembly (the C# and YAML
    /// pipelines), so a step added later is checked too. Roslyn's internal steps (the compilation itself) are not ours.
    /// </summary>
    private static readonly HashSet<string> OwnSteps = typeof(TrackingNames).Assembly.GetTypes()
        .Where(t => t.Name.EndsWith("TrackingNames", StringComparison.Ordinal))
        .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet();

    private static readonly string[] ModelSteps =
    [
        TrackingNames.CSharpDeclarations, TrackingNames.CSharpModels, TrackingNames.Modules, TrackingNames.Diagnostics, TrackingNames.Registry,
    ];

    private static CSharpCompilation TwoModelsInTwoFiles() => Generate.Compilation(
        ("Samples/DenoisingUNet.cs", SampleModels.DenoisingUNet),
        ("Samples/TiedVae.cs", SampleModels.TiedVae));

    [Fact]
    public void Second_run_on_an_unchanged_compilation_is_all_cached()
    {
        var compilation = TwoModelsInTwoFiles();
        var driver = Generate.Driver().RunGenerators(compilation);

        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        AssertEveryModelStepTracked(second);
        foreach (var (step, outputs) in Outputs(second))
        {
            Assert.All(outputs, o => AssertCachedOrUnchanged(step, o.Reason));
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => AssertCachedOrUnchanged("output", o.Reason));
    }

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_model_output_cached_or_unchanged()
    {
        var compilation = TwoModelsInTwoFiles();
        var driver = Generate.Driver().RunGenerators(compilation);
        var unrelated = CSharpSyntaxTree.ParseText("namespace Elsewhere; public static class Helper { public static int Twice(int x) => 2 * x; }",
            Generate.ParseOptions, "Elsewhere/Helper.cs");

        var after = driver.RunGenerators(compilation.AddSyntaxTrees(unrelated)).GetRunResult().Results.Single();

        foreach (var (step, outputs) in Outputs(after))
        {
            Assert.All(outputs, o => AssertCachedOrUnchanged(step, o.Reason));
        }

        Assert.All(after.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => AssertCachedOrUnchanged("output", o.Reason));
    }

    [Fact]
    public void Editing_one_model_re_emits_that_model_alone()
    {
        var compilation = TwoModelsInTwoFiles();
        var driver = Generate.Driver().RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Samples/TiedVae.cs");
        var edited = SampleModels.TiedVae.Replace("[Dense(64, Norm = Norm.Batch, Act = Act.Relu, Dropout = 0.2)]", "[Dense(96, Norm = Norm.Batch, Act = Act.Relu, Dropout = 0.2)]");
        Assert.NotEqual(SampleModels.TiedVae, edited);

        var after = driver.RunGenerators(compilation.ReplaceSyntaxTree(oldTree, oldTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(edited))))
            .GetRunResult().Results.Single();

        var modules = after.TrackedSteps[TrackingNames.Modules].SelectMany(s => s.Outputs).ToList();
        var modified = modules.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => ModelName(o.Value)).ToList();
        Assert.Equal(["TiedVae"], modified);
        Assert.All(modules.Where(o => ModelName(o.Value) == "DenoisingUNet"), o => AssertCachedOrUnchanged(TrackingNames.Modules, o.Reason));
        Assert.All(after.TrackedSteps[TrackingNames.Registry].SelectMany(s => s.Outputs), o => AssertCachedOrUnchanged(TrackingNames.Registry, o.Reason));

        var now = after.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var changed = now.Keys.Where(k => !before.TryGetValue(k, out var text) || text != now[k]).Order().ToList();
        Assert.Equal(["Samples.Variational.TiedVae.Declaration.g.cs", "Samples.Variational.TiedVae.Module.g.cs"], changed);
    }

    [Fact]
    public void Cached_values_hold_no_symbols_syntax_locations_or_compilations()
    {
        var compilation = Generate.Compilation([.. SampleModels.All, ("Cases/Broken.cs", Diagnostics.DiagnosticCase.Ae(
            "[Conv(8, Stride = 2)] public partial Stage Enc1 { get; }\n[Latent(4)] public partial Stage Code { get; }\n[ConvT(1, Kernel = 3, Stride = 2, Padding = 1)] public partial Stage Dec1 { get; }"))]);
        var driver = Generate.Driver().RunGenerators(compilation);
        var runs = new[]
        {
            driver.GetRunResult().Results.Single(),
            driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single(),
        };

        var problems = new List<string>();
        foreach (var run in runs)
        {
            foreach (var (step, outputs) in Outputs(run))
            {
                for (var i = 0; i < outputs.Count; i++)
                {
                    problems.AddRange(CachedValueInspector.FindForbidden(outputs[i].Value, step + "[" + i + "]"));
                }
            }
        }

        Assert.True(problems.Count == 0, "Cached values hold Roslyn objects:\n" + string.Join("\n", problems.Distinct()));
        // The walk must have seen the models: a broken one reports DSLAE001, the others emit.
        Assert.Contains(runs[0].GeneratedSources, s => s.HintName.EndsWith("TiedVae.Module.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspector_finds_a_location_hidden_in_a_record()
    {
        var tree = CSharpSyntaxTree.ParseText("class A { }");
        var value = (Name: "x", Items: new object[] { 1, new[] { tree.GetRoot().GetLocation() } });

        var found = CachedValueInspector.FindForbidden(value, "value");

        Assert.Single(found);
        Assert.StartsWith("value.Item2[1][0] : ", found[0]);
    }

    private static void AssertEveryModelStepTracked(GeneratorRunResult run)
    {
        foreach (var step in ModelSteps)
        {
            Assert.True(run.TrackedSteps.ContainsKey(step), "Tracked step '" + step + "' missing; steps are " + string.Join(", ", run.TrackedSteps.Keys));
        }
    }

    private static IEnumerable<(string Step, IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs)> Outputs(GeneratorRunResult run) =>
        run.TrackedSteps.Where(s => OwnSteps.Contains(s.Key)).Select(s => (s.Key, (IReadOnlyList<(object, IncrementalStepRunReason)>)s.Value.SelectMany(r => r.Outputs).ToList()));

    private static void AssertCachedOrUnchanged(string step, IncrementalStepRunReason reason) =>
        Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + " output was " + reason);

    /// <summary>The model a Modules output belongs to: its value is (Spec, Plan, Target, CanEmit).</summary>
    /// <summary>The model of a Modules step output: (model tuple, duplicate names), the model tuple starting with its spec.</summary>
    private static string? ModelName(object value)
    {
        var model = value.GetType().GetField("Item1")?.GetValue(value);
        return model is ModelSpec spec ? spec.Name : model is null ? null : ModelName(model);
    }
}
