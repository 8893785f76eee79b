using DslAe.Generators.Tests.Infrastructure;
using DslAe.Generators.Yaml;
using Microsoft.CodeAnalysis;

namespace DslAe.Generators.Tests.Yaml;

/// <summary>The YAML branch of the generator: outputs, registry, hint names and incremental caching.</summary>
public sealed class YamlPipelineTests
{
    [Fact]
    public void AYamlModelCompilesWithoutWarningsAndIsReachableLikeACSharpOne()
    {
        var example = ExampleModels.UNetDenoiser;
        var usage = """
            namespace App;
            public static class Use
            {
                public static string Describe() => global::UNetDenoiser.UNetDenoiser.Definition.EffectiveDeclaration;
                public static global::DslAe.AutoencoderModule Make() => global::UNetDenoiser.UNetDenoiser.CreateModule();
            }
            """;
        var outcome = YamlGenerate.Run([(example.YamlPath, example.Yaml)], ("Use.cs", usage));
        outcome.AssertNoGeneratorFailure();
        Assert.Empty(outcome.Diagnostics);
        Assert.Empty(outcome.CompilerDiagnostics());
    }

    [Fact]
    public void FixedUnpoolingIsDeclaredInYamlAsInCSharp()
    {
        const string yaml = """
            name: ZeroAe
            namespace: Zeros
            input: [1, 28, 28]
            encoder:
              - { name: Enc1, conv: { out_channels: 8 }, act: relu }
              - { name: Pool1, max_pool: { kernel: 2 } }
            latent: { name: Code, kind: conv, size: 8 }
            decoder:
              - { name: Up1, zero_unpool: { factor: 2 } }
              - { name: Out, conv: { out_channels: 1 }, act: sigmoid }
            loss: [ { kind: mse } ]
            """;
        const string csharp = """
            using DslAe;
            namespace Zeros;
            [Autoencoder(1, 28, 28)]
            [Loss(LossKind.Mse)]
            public partial record ZeroAeCs
            {
                [Conv(8, Act = Act.Relu)] public partial Stage Enc1 { get; }
                [MaxPool(2)] public partial Stage Pool1 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [ZeroUnpool(2)] public partial Stage Up1 { get; }
                [Conv(1, Act = Act.Sigmoid)] public partial Stage Out { get; }
            }
            """;
        var outcome = YamlGenerate.Run([("/m/zero.dslae.yaml", yaml)], ("ZeroAeCs.cs", csharp));
        outcome.AssertNoGeneratorFailure();
        Assert.Empty(outcome.Diagnostics);
        Assert.Empty(outcome.CompilerDiagnostics());
        foreach (var name in new[] { "ZeroAe", "ZeroAeCs" })
        {
            var module = outcome.Sources.Single(s => s.Key.Contains(name + ".") && s.Value.Contains("class " + name + "Module")).Value;
            Assert.Contains("// Up1: ZeroUnpool 8x14x14 -> 8x28x28", module);
            Assert.Contains("global::DslAe.ZeroUnpooling.Insert(code, 2)", module);
        }
    }

    [Fact]
    public void TheRegistryListsCSharpAndYamlModels()
    {
        var fashion = ExampleModels.FashionAe;
        var unet = ExampleModels.UNetDenoiser;
        var outcome = YamlGenerate.Run([(unet.YamlPath, unet.Yaml)], (fashion.CSharpPath, fashion.CSharp));
        var registry = outcome.Source("DslAe.Models.g.cs");
        Assert.Contains("global::FashionAutoencoder.FashionAeDefinition.Instance,", registry, StringComparison.Ordinal);
        Assert.Contains("global::UNetDenoiser.UNetDenoiserDefinition.Instance,", registry, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelsOfOneNameInSeveralFilesAreReportedAndNotGenerated()
    {
        // The same model name in two YAML files and a C# file would generate the same types three times: the generator
        // must not throw on a duplicate hint name (that would drop every output) and reports the clash instead.
        var fashion = ExampleModels.FashionAe;
        var outcome = YamlGenerate.Run([("/a/fashion.dslae.yaml", fashion.Yaml), ("/b/fashion.dslae.yaml", fashion.Yaml)], (fashion.CSharpPath, fashion.CSharp));
        Assert.All(outcome.RunResult.Results, r => Assert.Null(r.Exception));
        Assert.Equal(2, outcome.Diagnostics.Count(d => d.Id == "DSLAE302"));
        Assert.DoesNotContain(outcome.Sources.Keys, k => k.EndsWith(".Module.g.cs", StringComparison.Ordinal));
        Assert.Equal(outcome.Sources.Keys.Count(), outcome.Sources.Keys.Distinct().Count());
    }

    [Fact]
    public void OnlyDslaeYamlFilesAreRead()
    {
        var fashion = ExampleModels.FashionAe;
        var outcome = YamlGenerate.Run([("/p/settings.yaml", "this: is: not: ours"), ("/p/model.dslae.yml", fashion.Yaml), ("/p/MODEL2.DSLAE.YAML", fashion.Yaml.Replace("name: FashionAe", "name: Other"))]);
        Assert.Empty(outcome.Diagnostics);
        Assert.Equal(new[] { "/p/MODEL2.DSLAE.YAML", "/p/model.dslae.yml" }, outcome.YamlModels().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EditingOneYamlFileReemitsThatModelAlone()
    {
        var fashion = ExampleModels.FashionAe;
        var unet = ExampleModels.UNetDenoiser;
        var fashionText = new InMemoryAdditionalText("/p/fashion.dslae.yaml", fashion.Yaml);
        var unetText = new InMemoryAdditionalText("/p/unet.dslae.yaml", unet.Yaml);
        var compilation = Generate.Compilation();
        var driver = YamlGenerate.Driver([fashionText, unetText]).RunGenerators(compilation);

        // Unrelated change: a new C# file. Every YAML step is served from the cache.
        var unrelated = driver.RunGenerators(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class Unrelated { }", Generate.ParseOptions)));
        AssertSteps(unrelated, YamlTrackingNames.YamlModels, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached);
        AssertSteps(unrelated, YamlTrackingNames.YamlModules, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached);

        // Editing one file (more epochs) recompiles that model alone.
        var edited = unrelated.ReplaceAdditionalText(unetText, new InMemoryAdditionalText("/p/unet.dslae.yaml", unet.Yaml.Replace("epochs: 2", "epochs: 3")))
            .RunGenerators(compilation);
        var modules = edited.GetRunResult().Results.Single().TrackedSteps[YamlTrackingNames.YamlModules].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, modules.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, modules.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    private static void AssertSteps(GeneratorDriver driver, string step, params IncrementalStepRunReason[] expected)
    {
        var reasons = driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(expected, reasons);
    }
}
