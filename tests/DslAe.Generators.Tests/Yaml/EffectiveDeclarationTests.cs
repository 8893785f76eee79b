using DslAe.Generators.Tests.Infrastructure;
using DslAe.Model;

namespace DslAe.Generators.Tests.Yaml;

/// <summary>
/// The effective declaration (ModelDefinition.EffectiveDeclaration, printed by summary --config) read back as a
/// .dslae.yaml file declares the same model: an equal spec, for specs from either front end.
/// </summary>
public sealed class EffectiveDeclarationTests
{
    [Theory]
    [MemberData(nameof(ExampleModels.Names), MemberType = typeof(ExampleModels))]
    public void ReadingTheWrittenYamlGivesTheSameSpec(string name)
    {
        var example = ExampleModels.ByName(name);
        var fromCSharp = Assert.Single(Generate.Run((example.CSharpPath, example.CSharp)).CSharpModels()).Spec!;
        var fromYaml = YamlGenerate.Run(example.YamlPath, example.Yaml).YamlSpec();

        foreach (var spec in new[] { fromCSharp, fromYaml })
        {
            var written = EffectiveDeclaration.Write(spec);
            var readBack = YamlGenerate.Run("/effective/" + name + ".dslae.yaml", written);
            Assert.True(readBack.Diagnostics.IsEmpty, written + "\n" + readBack.Diagnostics.Describe());
            Assert.Equal(SpecWithoutLocations.Strip(spec), SpecWithoutLocations.Strip(readBack.YamlSpec()));
        }
    }

    [Fact]
    public void EveryDefaultIsWrittenOut()
    {
        var spec = YamlGenerate.Run("/p/min.dslae.yaml", """
            name: Minimal
            input: [1, 8, 8]
            encoder: [ { name: Enc1, conv: { out_channels: 4 } } ]
            decoder: [ { name: Dec1, conv: { out_channels: 1 } } ]
            """).YamlSpec();
        var written = EffectiveDeclaration.Write(spec);

        // Every key of the sections this model uses appears, with the IR's defaults.
        foreach (var key in YamlSchema.Train.Keys)
        {
            Assert.Contains("\n  " + key + ": ", written, StringComparison.Ordinal);
        }

        Assert.Contains("conv: { out_channels: 4, kernel: 3, stride: 1, padding: same, dilation: 1, groups: 1, bias: true }", written, StringComparison.Ordinal);
        Assert.Contains("epochs: " + Defaults.Epochs, written, StringComparison.Ordinal);
        Assert.Contains("lr: 0.001", written, StringComparison.Ordinal);
        Assert.Contains("weight_decay: null  # null: the optimizer's default, 0.0", written, StringComparison.Ordinal);
        Assert.Contains("loss: []  # empty: mse with weight 1.0", written, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelUsingEveryKindRoundTrips()
    {
        // Kinds the examples do not use, including what only YAML can declare (an adversarial discriminator,
        // a perceptual loss on another network, GLO code initialisation): the writer and reader agree on all.
        var yaml = """
            name: Everything
            namespace: Tests.Models
            input: [3, 32, 32]
            corrupt: { kind: salt_pepper, amount: 0.1 }
            encoder:
              - { name: E1, conv: { out_channels: 8, kernel: 5, stride: 2, padding: 2, dilation: 1, groups: 1, bias: false }, act: leaky_relu, act_parameter: 0.2, norm: group, norm_groups: 4, dropout: 0.1 }
              - { name: P1, avg_pool: { kernel: 2, stride: 2, padding: 0, ceil_mode: true, count_include_pad: false } }
              - { name: M1, max_pool: { kernel: 3, stride: 1, padding: 1, dilation: 1, ceil_mode: false, keep_indices: true } }
              - { name: F1, flatten: {} }
              - { name: D1, dense: { features: 64, bias: true }, act: elu, norm: batch }
            latent: { name: Z, kind: variational, size: 16 }
            decoder:
              - { name: D2, dense: { features: 512 }, tied_to: D1 }
              - { name: U1, unflatten: { channels: 8, height: 8, width: 8 } }
              - { name: Up, upsample: { mode: bilinear, height: 16, width: 16, align_corners: true } }
              - { name: Up2, upsample: { mode: bicubic, scale: 2.0 } }
              - { name: Sh, conv: { out_channels: 12, padding: valid }, norm: layer }
              - { name: Px, pixel_shuffle: { factor: 2 } }
              - { name: Mix, act: tanh, skip: E1, merge: add, high_pass: true }
              - { name: T, conv_t: { out_channels: 3, kernel: 4, stride: 2, padding: 1, output_padding: 0 }, act: sigmoid }
              - { name: Unp, unpool: { of: M1 } }
            loss:
              - mse
              - { kind: l1, weight: 0.5 }
              - { kind: bce }
              - { kind: bce_with_logits, weight: 0.0 }
              - { kind: kl, weight: 0.001 }
              - { kind: laplacian_pyramid, levels: 2 }
              - { kind: perceptual, layers: [E1, D1], network: Vgg, weights: vgg.safetensors }
              - { kind: style, layers: ["E1"] }
              - { kind: cross_entropy, classes: 10 }
              - kind: adversarial
                weight: 0.01
                discriminator:
                  minibatch: true
                  minibatch_kernels: 16
                  minibatch_kernel_dims: 4
                  stages:
                    - { name: Dc1, conv: { out_channels: 8, stride: 2 }, act: leaky_relu }
                    - { name: Df, flatten: }
                    - { name: Dd, dense: { features: 1 } }
            train:
              epochs: 4
              batch: 32
              optimizer: sgd
              lr: 1e-2
              momentum: 0.9
              nesterov: true
              weight_decay: 5e-4
              schedule: step
              step_size: 2
              gamma: 0.5
              min_lr: 0
              clip_norm: 1.5
              seed: 7
              validation: 0.2
              patience: 3
              data: "my data"
              data_path: /data/images
            """;
        var model = Assert.Single(YamlGenerate.Run("/p/every.dslae.yaml", yaml).YamlModels().Values);
        Assert.True(model.Spec is not null, string.Join("\n", model.Diagnostics));
        var spec = model.Spec!;
        var written = EffectiveDeclaration.Write(spec);
        var readBack = Assert.Single(YamlGenerate.Run("/p/every-again.dslae.yaml", written).YamlModels().Values);
        Assert.True(readBack.Spec is not null, written + "\n" + string.Join("\n", readBack.Diagnostics));
        Assert.Equal(SpecWithoutLocations.Strip(spec), SpecWithoutLocations.Strip(readBack.Spec!));

        // And a second write is a fixed point.
        Assert.Equal(written, EffectiveDeclaration.Write(readBack.Spec!));
    }

    [Fact]
    public void GeneratedDefinitionsCarryTheEffectiveDeclaration()
    {
        var example = ExampleModels.UNetDenoiser;
        var module = YamlGenerate.Run(example.YamlPath, example.Yaml).Source(".Module.g.cs");
        var spec = YamlGenerate.Run(example.YamlPath, example.Yaml).YamlSpec();
        Assert.Contains("public override string EffectiveDeclaration => \"\"\"", module, StringComparison.Ordinal);
        foreach (var line in EffectiveDeclaration.Write(spec).TrimEnd('\n').Split('\n'))
        {
            Assert.Contains("    " + line + "\n", module, StringComparison.Ordinal);
        }
    }
}
