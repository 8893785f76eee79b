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

    [Theory]
    [InlineData(
        """
        using DslAe;
        [Autoencoder(1, 28, 28)]
        public partial record Glo
        {
            [Latent(16, Kind = LatentKind.Learned, ProjectTo = new[] { 8, 7, 7 }, Init = CodeInit.Gaussian, CodeLr = 0.1, FitSteps = 12)] public partial Stage Code { get; }
            [ConvT(8, Stride = 2, Act = Act.Relu)] public partial Stage Dec1 { get; }
            [ConvT(1, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec2 { get; }
        }
        """,
        """
        name: Glo
        input: [1, 28, 28]
        latent: { kind: learned, size: 16, project_to: [8, 7, 7], init: gaussian, code_lr: 0.1, fit_steps: 12 }
        decoder:
          - { name: Dec1, conv_t: { out_channels: 8, stride: 2 }, act: relu }
          - { name: Dec2, conv_t: { out_channels: 1, stride: 2 }, act: sigmoid }
        """)]
    [InlineData(
        """
        using DslAe;
        [Autoencoder(1, 28, 28)]
        [Loss(LossKind.Mse), Loss(LossKind.Perceptual, Weight = 0.1, Layers = new[] { "Enc1" }, Network = "Critic", Weights = "critic.safetensors")]
        public partial record Perceived
        {
            [Conv(8, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
            [Latent(4, Kind = LatentKind.Conv)] public partial Stage Code { get; }
            [ConvT(1, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec1 { get; }
        }
        """,
        """
        name: Perceived
        input: [1, 28, 28]
        encoder:
          - { name: Enc1, conv: { out_channels: 8, stride: 2 }, act: relu }
        latent: { kind: conv, size: 4 }
        decoder:
          - { name: Dec1, conv_t: { out_channels: 1, stride: 2 }, act: sigmoid }
        loss:
          - mse
          - { kind: perceptual, weight: 0.1, layers: [Enc1], network: Critic, weights: critic.safetensors }
        """)]
    [InlineData(
        """
        using DslAe;
        [Autoencoder(1, 28, 28)]
        [Loss(LossKind.Mse), Loss(LossKind.Adversarial, Weight = 0.01, Minibatch = true, MinibatchKernels = 16, MinibatchKernelDims = 4)]
        public partial record Critic
        {
            [Conv(8, Stride = 2, Act = Act.LeakyRelu), Discriminator] public partial Stage D1 { get; }
            [Conv(8, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
            [Latent(4, Kind = LatentKind.Conv)] public partial Stage Code { get; }
            [ConvT(1, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec1 { get; }
            [Flatten, Discriminator] public partial Stage DFlat { get; }
            [Dense(1), Discriminator] public partial Stage DOut { get; }
        }
        """,
        """
        name: Critic
        input: [1, 28, 28]
        encoder:
          - { name: Enc1, conv: { out_channels: 8, stride: 2 }, act: relu }
        latent: { kind: conv, size: 4 }
        decoder:
          - { name: Dec1, conv_t: { out_channels: 1, stride: 2 }, act: sigmoid }
        loss:
          - mse
          - kind: adversarial
            weight: 0.01
            discriminator:
              minibatch: true
              minibatch_kernels: 16
              minibatch_kernel_dims: 4
              stages:
                - { name: D1, conv: { out_channels: 8, stride: 2 }, act: leaky_relu }
                - { name: DFlat, flatten: {} }
                - { name: DOut, dense: { features: 1 } }
        """)]
    public void What_YAML_declares_C_sharp_declares_too(string csharp, string yaml)
    {
        // Learned codes' settings and a perceptual loss's network and weights (Critic is no model here: both report DSLAE304).
        var fromCSharp = Generate.Run(("Model.cs", csharp));
        var fromYaml = YamlGenerate.Run("model.dslae.yaml", yaml);
        fromCSharp.AssertNoGeneratorFailure();
        fromYaml.AssertNoGeneratorFailure();
        Assert.Equal(fromCSharp.Diagnostics.Select(d => d.Id), fromYaml.Diagnostics.Select(d => d.Id));
        Assert.Equal(SpecWithoutLocations.Strip(Assert.Single(fromCSharp.CSharpModels()).Spec!), SpecWithoutLocations.Strip(fromYaml.YamlSpec()));
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
