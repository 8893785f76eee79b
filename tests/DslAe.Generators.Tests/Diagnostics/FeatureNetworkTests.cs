using DslAe.Generators.Tests.Infrastructure;
using DslAe.Generators.Tests.Yaml;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>DSLAE304 across models and front ends: a perceptual or style loss's network is another model of the project.</summary>
public sealed class FeatureNetworkTests
{
    private const string Classifier = """
        name: Classifier
        input: [1, 28, 28]
        target: { kind: labels, classes: 10 }
        encoder:
          - { name: Enc1, conv: { out_channels: 8, stride: 2 }, act: relu }
          - { name: Flat, flatten: {} }
          - { name: Logits, dense: { features: 10 } }
        """;

    private static string Ae(string loss, int channels = 1) => $$"""
        using DslAe;
        [Autoencoder({{channels}}, 28, 28)]
        [Loss(LossKind.Mse), {{loss}}]
        public partial record Ae
        {
            [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
            [Latent(16)] public partial Stage Code { get; }
            [ConvT({{channels}}, Stride = 2)] public partial Stage Dec1 { get; }
        }
        """;

    [Fact]
    public void A_csharp_model_takes_a_yaml_models_encoder_as_its_network()
    {
        var outcome = YamlGenerate.Run([("/p/classifier.dslae.yaml", Classifier)], ("Ae.cs", Ae("Loss(LossKind.Style, Network = \"Classifier\", Layers = new[] { \"Enc1\" })")));

        outcome.AssertNoGeneratorFailure();
        Assert.Empty(outcome.Diagnostics);
        Assert.Contains("FeatureLosses.Style(FeatureNetwork(\"Classifier\", null, pass.Output.device)", outcome.Source("Ae.Module.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Network = \"Vgg\", Layers = new[] { \"Enc1\" }", 1, "Loss Perceptual: network 'Vgg' is not a model of this project; declare it (C# or YAML) in this project; models are Ae, Classifier")]
    [InlineData("Network = \"Classifier\", Layers = new[] { \"Enc1\" }", 3, "Loss Perceptual: Classifier takes 1x28x28 images, and this model's output is 3x28x28; name a network whose input is 3x28x28")]
    public void A_network_that_is_not_there_or_takes_other_images_is_refused(string arguments, int channels, string message)
    {
        var outcome = YamlGenerate.Run([("/p/classifier.dslae.yaml", Classifier)], ("Ae.cs", Ae("Loss(LossKind.Perceptual, " + arguments + ")", channels)));

        var diagnostic = Assert.Single(outcome.Diagnostics, d => d.Id == "DSLAE304");
        Assert.Equal(message, diagnostic.GetMessage());
        Assert.Equal("Ae.cs", diagnostic.Location.GetLineSpan().Path);
    }
}
