using System.Diagnostics.CodeAnalysis;
using DslAe.Generators.Tests.Infrastructure;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>
/// Help links follow the DslAeDocs build property (the package sets it to the diagnostics page it ships), so they
/// resolve for a package user; without it they stay the repository-relative default.
/// </summary>
public sealed class HelpLinkTests
{
    private static readonly string WrongStride = DiagnosticCase.Ae("""
        [Conv(4, Stride = 2)] public partial Stage Enc1 { get; }
        [ConvT(1, Stride = 3)] public partial Stage Dec1 { get; }
        """);

    [Fact]
    public void An_absolute_docs_path_becomes_a_file_uri_to_the_rules_section()
    {
        var page = Path.Combine(Path.GetTempPath(), "dslae pkg", "docs", "diagnostics.md");
        var link = HelpLinkOf("DSLAE001", page);
        Assert.Equal(new Uri(page).AbsoluteUri + "#dslae001", link);
        Assert.StartsWith("file:///", link, StringComparison.Ordinal);
        Assert.Contains("dslae%20pkg", link, StringComparison.Ordinal);
    }

    [Fact]
    public void A_web_address_is_kept_and_gets_the_rules_anchor()
    {
        Assert.Equal("https://docs.example.org/dslae/diagnostics#dslae001", HelpLinkOf("DSLAE001", "https://docs.example.org/dslae/diagnostics"));
    }

    [Fact]
    public void Without_the_property_the_link_is_the_catalogues_relative_one()
    {
        Assert.Equal(DiagnosticCatalogue.ReconstructionMismatch.HelpLink, HelpLinkOf("DSLAE001", docs: null));
    }

    private static string? HelpLinkOf(string id, string? docs)
    {
        var options = new BuildProperties(docs is null ? [] : new Dictionary<string, string> { ["build_property.DslAeDocs"] = docs });
        var driver = CSharpGeneratorDriver.Create([new DslAeGenerator().AsSourceGenerator()], parseOptions: Generate.ParseOptions, optionsProvider: options);
        var run = driver.RunGenerators(Generate.Compilation((DiagnosticCase.FilePath, WrongStride))).GetRunResult();
        return run.Diagnostics.First(d => d.Id == id).Descriptor.HelpLinkUri;
    }

    /// <summary>What MSBuild hands the compiler as build_property.* values, and nothing per file.</summary>
    private sealed class BuildProperties(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new Dictionary<string, string>());

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
