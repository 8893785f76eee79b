using System.IO.Compression;
using System.Xml.Linq;

namespace DslAe.Package.Tests;

/// <summary>What `dotnet pack` of src/DslAe.Package puts into the one DslAe package.</summary>
[Collection(PackageFeed.Collection)]
public sealed class PackageContentTests(PackageFeed feed)
{
    [Fact]
    public void The_package_holds_runtime_cli_generator_build_logic_docs_readme_and_licence()
    {
        using var zip = ZipFile.OpenRead(feed.Package);
        var files = zip.Entries.Select(e => e.FullName).ToHashSet();

        string[] expected =
        [
            "lib/net10.0/DslAe.dll", "lib/net10.0/DslAe.xml", "lib/net10.0/DslAe.Cli.dll", "lib/net10.0/DslAe.Cli.xml",
            "analyzers/dotnet/cs/DslAe.Generators.dll", "analyzers/dotnet/cs/DslAe.Model.dll", "analyzers/dotnet/cs/YamlDotNet.dll",
            "analyzers/dotnet/cs/DslAe.CodeFixes.dll",
            "build/DslAe.props", "build/DslAe.targets", "build/LibStdCxxCompat.cs",
            "buildTransitive/DslAe.props", "buildTransitive/DslAe.targets", "buildTransitive/LibStdCxxCompat.cs",
            "docs/diagnostics.md", "docs/declarations.md", "docs/yaml.md", "docs/gpu.md", "README.md", "LICENSE",
        ];
        Assert.All(expected, f => Assert.True(files.Contains(f), $"{f} is missing from the package; it holds:\n{string.Join("\n", files.Order())}"));
        // Nothing compiled for the analyzer sits in lib/, nothing of the runtime in analyzers/.
        Assert.DoesNotContain(files, f => f.StartsWith("lib/", StringComparison.Ordinal) && f.Contains("Generators", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.StartsWith("analyzers/", StringComparison.Ordinal) && f.EndsWith("DslAe.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void The_nuspec_declares_the_licence_readme_description_and_a_dependency_on_TorchSharp_cpu()
    {
        using var zip = ZipFile.OpenRead(feed.Package);
        using var stream = zip.GetEntry("DslAe.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("DslAe", Value("id"));
        Assert.Equal(feed.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("TorchSharp module", Value("description"), StringComparison.Ordinal);
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);
        Assert.Equal("0.107.0", dependencies["TorchSharp-cpu"]);
        Assert.Contains("SkiaSharp", dependencies.Keys);
        // The repository's own projects travel inside the package, never as dependencies of it.
        Assert.DoesNotContain(dependencies.Keys, id => id.StartsWith("DslAe", StringComparison.Ordinal));
    }
}
