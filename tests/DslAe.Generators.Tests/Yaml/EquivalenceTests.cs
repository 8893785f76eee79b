using DslAe.Generators.Tests.Infrastructure;

namespace DslAe.Generators.Tests.Yaml;

/// <summary>One model declared in C# and in YAML gives the same IR and the same generated module, character for character.</summary>
public sealed class EquivalenceTests
{
    [Theory]
    [MemberData(nameof(ExampleModels.Names), MemberType = typeof(ExampleModels))]
    public void CSharpAndYamlDeclarationsGiveEqualSpecs(string name)
    {
        var example = ExampleModels.ByName(name);
        var csharp = Generate.Run((example.CSharpPath, example.CSharp));
        var yaml = YamlGenerate.Run(example.YamlPath, example.Yaml);
        csharp.AssertNoGeneratorFailure();
        yaml.AssertNoGeneratorFailure();
        Assert.Empty(csharp.Diagnostics);
        Assert.Empty(yaml.Diagnostics);

        var csharpSpec = Assert.Single(csharp.CSharpModels()).Spec!;
        var yamlSpec = yaml.YamlSpec();
        Assert.Equal(SpecWithoutLocations.Strip(csharpSpec), SpecWithoutLocations.Strip(yamlSpec));
    }

    [Theory]
    [MemberData(nameof(ExampleModels.Names), MemberType = typeof(ExampleModels))]
    public void CSharpAndYamlDeclarationsGenerateIdenticalModules(string name)
    {
        var example = ExampleModels.ByName(name);
        var csharpModule = Generate.Run((example.CSharpPath, example.CSharp)).Source(".Module.g.cs");
        var yamlModule = YamlGenerate.Run(example.YamlPath, example.Yaml).Source(".Module.g.cs");
        Assert.Equal(csharpModule, yamlModule);
    }

    [Fact]
    public void StrippingLocationsIsWhatMakesSpecsEqual()
    {
        // Guards the comparison itself: the raw specs differ (their locations name different files), so an
        // equality above is not an accident of locations being absent.
        var example = ExampleModels.FashionAe;
        var csharpSpec = Assert.Single(Generate.Run((example.CSharpPath, example.CSharp)).CSharpModels()).Spec!;
        var yamlSpec = YamlGenerate.Run(example.YamlPath, example.Yaml).YamlSpec();
        Assert.NotEqual(csharpSpec, yamlSpec);
        Assert.Equal("fashion_ae.dslae.yaml", yamlSpec.Encoder[0].LocationOf("Stride").FilePath);
        Assert.NotEqual(SpecWithoutLocations.Strip(csharpSpec), SpecWithoutLocations.Strip(yamlSpec with { Name = "Other" }));
    }
}
