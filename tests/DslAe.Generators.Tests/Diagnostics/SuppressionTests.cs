using DslAe.Generators.Tests.Infrastructure;
using DslAe.Generators.Tests.Yaml;
using DslAe.Model;
using Microsoft.CodeAnalysis;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>
/// Suppression the usual way (issue 13, item 7): C# diagnostics are located in the compilation's own syntax tree
/// (what #pragma and .editorconfig act on; a real build proves it in WrongStrideBuildTests), and each rule has a
/// category saying what it is about.
/// </summary>
public sealed class SuppressionTests
{
    private static readonly string WrongStride = DiagnosticCase.Ae("""
        [Conv(4, Stride = 2)] public partial Stage Enc1 { get; }
        [ConvT(1, Stride = 3)] public partial Stage Dec1 { get; }
        """);

    [Fact]
    public void CSharpDiagnosticsAreLocatedInTheDeclarationsSyntaxTree()
    {
        var compilation = Generate.Compilation((DiagnosticCase.FilePath, WrongStride));
        var diagnostic = Assert.Single(Generate.Run(compilation).Diagnostics, d => d.Id == "DSLAE001");
        Assert.True(diagnostic.Location.IsInSource, "DSLAE001 is reported at an external location: " + diagnostic.Location.Kind);
        Assert.Same(compilation.SyntaxTrees.Single(t => t.FilePath == DiagnosticCase.FilePath), diagnostic.Location.SourceTree);
    }

    [Fact]
    public void YamlDiagnosticsStayInTheirFileWithoutATree()
    {
        var outcome = YamlGenerate.Run("/p/Ae.dslae.yaml", "name: Ae\ninput: [1, 28, 28]\nencoder:\n  - { name: Enc1, conv: { out_channels: 1, kernel: 3, stride: 3 } }\n");
        var diagnostic = Assert.Single(outcome.Diagnostics, d => d.Id == "DSLAE001");
        Assert.Equal("/p/Ae.dslae.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(LocationKind.ExternalFile, diagnostic.Location.Kind);
    }

    [Fact]
    public void EveryRuleHasACategoryOfItsTopicAndReportsUnderIt()
    {
        var rules = DiagnosticCatalogues.All;
        var categories = typeof(DiagnosticCategories).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.All(rules, r => Assert.True(categories.Contains(r.Category), r.Id + " has category '" + r.Category + "', not one of DiagnosticCategories"));
        Assert.True(rules.Select(r => r.Category).Distinct().Count() >= 10, "categories should tell the rules' topics apart");

        var reported = Assert.Single(Generate.Run((DiagnosticCase.FilePath, WrongStride)).Diagnostics, d => d.Id == "DSLAE001");
        Assert.Equal(DiagnosticCategories.Shapes, reported.Descriptor.Category);
    }
}
