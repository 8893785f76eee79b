using DslAe.Generators.Tests.Yaml;
using DslAe.Model;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>
/// Fixes and messages name arguments the way the model's own language writes them (issue 13, item 1): every argument
/// a message sets or names exists in that front end. Checked over the whole catalogue in C#, over its YAML twins
/// (<see cref="CatalogueInYamlTests"/>), over the YAML fuzz corpus (<see cref="FuzzTests"/>), and here over random
/// broken models in both spellings and the cases a new user's audit found.
/// </summary>
public sealed class FixSpellingTests
{
    /// <summary>IR names only front ends use to locate a diagnostic; messages name the arguments they stand for instead.</summary>
    private static readonly string[] LocationOnly =
    [
        ArgumentNames.Name, ArgumentNames.Input, ArgumentNames.Norm, ArgumentNames.Activation, ArgumentNames.Size,
        ArgumentNames.Shape, ArgumentNames.Betas,
        // The discriminator's minibatch layer is declared in YAML only so far; no message names its arguments.
        ArgumentNames.MinibatchKernels, ArgumentNames.MinibatchKernelDims,
    ];

    public static TheoryData<string> ArgumentNameConstants => new(typeof(ArgumentNames).GetFields()
        .Select(f => (string)f.GetValue(null)!)
        .Except(LocationOnly));

    [Theory]
    [MemberData(nameof(ArgumentNameConstants))]
    public void EveryArgumentHasASpellingThatExistsInBothFrontEnds(string argument)
    {
        Assert.True(ArgumentSpelling.All.TryGetValue(argument, out var spelling), argument + " has no spelling in ArgumentSpelling");
        var csharp = spelling!.Positional ? ArgumentsInMessages.CSharpParameters : ArgumentsInMessages.CSharpProperties;
        Assert.True(csharp.Contains(spelling.CSharp), $"{argument}: C# spelling '{spelling.CSharp}' is no {(spelling.Positional ? "constructor parameter" : "property")} of a DslAe attribute");
        Assert.True(ArgumentsInMessages.YamlKeys.Contains(spelling.Yaml), $"{argument}: YAML spelling '{spelling.Yaml}' is no key of the YAML language");
    }

    public static TheoryData<string> CatalogueCases => new(DiagnosticCases.All.Select((c, i) => c.Id + " #" + i));

    [Theory]
    [MemberData(nameof(CatalogueCases))]
    public void EveryCatalogueMessageNamesOnlyCSharpArguments(string which)
    {
        var testCase = DiagnosticCases.All[int.Parse(which[(which.IndexOf('#') + 1)..])];
        ArgumentsInMessages.AssertSpeltFor(FrontEnd.CSharp, testCase.Message);
    }

    [Fact]
    public void RandomBrokenModelsNameOnlyArgumentsOfTheirFrontEnd()
    {
        var random = new Random(20261202);
        var ids = new HashSet<string>();
        var messages = 0;
        for (var i = 0; i < 3000; i++)
        {
            var spec = RandomModel(random);
            foreach (var frontEnd in new[] { FrontEnd.CSharp, FrontEnd.Yaml })
            {
                foreach (var diagnostic in ShapeInference.Infer(spec with { FrontEnd = frontEnd }).Diagnostics)
                {
                    ids.Add(diagnostic.Id);
                    messages++;
                    ArgumentsInMessages.AssertSpeltFor(frontEnd, diagnostic.Message, "model " + i + ": ");
                }
            }
        }

        // The generator must reach a good part of the catalogue for the property to mean something.
        Assert.True(ids.Count >= 15, $"only {ids.Count} rules fired over {messages} messages: {string.Join(", ", ids.Order())}");
    }

    /// <summary>The audit's examples, each as a YAML user writes it and the fix the message must give.</summary>
    public static TheoryData<string, string, string> AuditCases => new()
    {
        {
            "DSLAE001", "set output_padding: 1 on Dec1 to get 28x28",
            """
            encoder:
              - { name: Enc1, conv: { out_channels: 32, kernel: 3, stride: 2 } }
            latent: { name: Code, kind: conv, size: 8 }
            decoder:
              - { name: Dec1, conv_t: { out_channels: 1, kernel: 3, stride: 2, padding: 1 } }
            """
        },
        {
            "DSLAE001", "set stride: 2 on Dec2 to get 28x28",
            """
            encoder:
              - { name: Enc1, conv: { out_channels: 8, kernel: 3, stride: 2 } }
              - { name: Enc2, conv: { out_channels: 8, kernel: 3, stride: 2 } }
            decoder:
              - { name: Dec1, conv_t: { out_channels: 8, kernel: 3, stride: 2 } }
              - { name: Dec2, conv_t: { out_channels: 1, kernel: 3, stride: 3 } }
            """
        },
        {
            "DSLAE001", "set out_channels: 1 on Dec1",
            """
            encoder:
              - { name: Enc1, conv: { out_channels: 16, kernel: 3, stride: 2 } }
            decoder:
              - { name: Dec1, conv_t: { out_channels: 16, kernel: 3, stride: 2 } }
            """
        },
        {
            "DSLAE018", "norm channels (6) are not divisible by norm_groups: 4; use norm_groups: 3",
            """
            encoder:
              - { name: Enc1, conv: { out_channels: 6, kernel: 3 }, norm: group, norm_groups: 4 }
            decoder:
              - { name: Dec1, conv: { out_channels: 1, kernel: 3 } }
            """
        },
        {
            "DSLAE001", "set height: 28, width: 28 and remove scale on Up to get 28x28",
            """
            encoder:
              - { name: Enc1, conv: { out_channels: 8, kernel: 3, stride: 3 } }
            decoder:
              - { name: Dec1, conv: { out_channels: 1, kernel: 3 } }
              - { name: Up, upsample: { mode: bilinear, scale: 3 } }
            """
        },
        {
            "DSLAE004", "use padding: same, a smaller kernel or fewer down-sampling stages",
            """
            encoder:
              - { name: Enc1, conv: { out_channels: 8, kernel: 40, padding: valid } }
            """
        },
        {
            "DSLAE013", "declare the latent with kind: variational or remove the KL loss",
            """
            encoder:
              - { name: Enc1, conv: { out_channels: 8, kernel: 3, stride: 2 } }
            latent: { name: Code, kind: dense, size: 16 }
            decoder:
              - { name: Dec1, conv_t: { out_channels: 1, kernel: 3, stride: 2 } }
            loss:
              - { kind: mse }
              - { kind: kl }
            """
        },
    };

    [Theory]
    [MemberData(nameof(AuditCases))]
    public void YamlFixesAreSpeltInYaml(string id, string fix, string body)
    {
        var outcome = YamlGenerate.Run("/audit/Ae.dslae.yaml", "name: Ae\ninput: [1, 28, 28]\n" + body);
        outcome.AssertNoGeneratorFailure();
        var diagnostic = outcome.Diagnostics.FirstOrDefault(d => d.Id == id);
        Assert.True(diagnostic is not null, "No " + id + "; reported:\n" + outcome.Diagnostics.Describe());
        Assert.Contains(fix, diagnostic!.GetMessage(), StringComparison.Ordinal);
        ArgumentsInMessages.AssertSpeltFor(FrontEnd.Yaml, diagnostic.GetMessage());
    }

    /// <summary>A model of random stages and random arguments: most are broken in some way the catalogue reports.</summary>
    private static ModelSpec RandomModel(Random random)
    {
        StageSpec Stage(string name)
        {
            LayerSpec layer = random.Next(9) switch
            {
                0 or 1 => new ConvLayer(random.Next(0, 9), random.Next(0, 6))
                {
                    Stride = random.Next(0, 4), Dilation = random.Next(1, 3), Groups = random.Next(1, 4),
                    Padding = random.Next(3) switch { 0 => Padding.Same, 1 => Padding.Valid, _ => Padding.Explicit(random.Next(-1, 4)) },
                },
                2 or 3 => new ConvTransposeLayer(random.Next(0, 9), random.Next(1, 6))
                {
                    Stride = random.Next(1, 4), OutputPadding = random.Next(2) == 0 ? null : random.Next(-1, 3), Groups = random.Next(1, 3),
                    Padding = random.Next(3) switch { 0 => Padding.Same, 1 => Padding.Valid, _ => Padding.Explicit(random.Next(0, 3)) },
                },
                4 => new MaxPoolLayer(random.Next(1, 4)) { Padding = random.Next(0, 3), CeilMode = random.Next(2) == 0, Dilation = random.Next(1, 4), KeepIndices = random.Next(2) == 0 },
                5 => new AvgPoolLayer(random.Next(1, 4)) { Padding = random.Next(0, 3), CeilMode = random.Next(2) == 0 },
                6 => random.Next(3) == 0
                    ? new UpsampleLayer(UpsampleMode.Bilinear) { Size = new SpatialSize(random.Next(-1, 40), random.Next(1, 40)) }
                    : new UpsampleLayer(UpsampleMode.Nearest) { Scale = random.Next(0, 4) + (random.Next(2) == 0 ? 0.5 : 0) },
                7 => new PixelShuffleLayer(random.Next(1, 3)),
                _ => random.Next(2) == 0 ? new FlattenLayer() : new DenseLayer(random.Next(0, 50)),
            };
            return new StageSpec(name, layer)
            {
                Norm = random.Next(4) == 0 ? new NormSpec(NormKind.Group, random.Next(0, 5)) : null,
                Dropout = random.Next(10) == 0 ? 1.5 : 0,
            };
        }

        var encoder = Enumerable.Range(1, random.Next(0, 4)).Select(i => Stage("Enc" + i)).ToArray();
        var decoder = Enumerable.Range(1, random.Next(1, 4)).Select(i => Stage("Dec" + i)).ToArray();
        if (random.Next(3) == 0 && encoder.Length > 0)
        {
            decoder[^1] = decoder[^1] with
            {
                Skip = new SkipSpec(random.Next(4) == 0 ? "Nowhere" : encoder[random.Next(encoder.Length)].Name) { Merge = random.Next(2) == 0 ? MergeKind.Add : MergeKind.Concat },
                TiedTo = random.Next(3) == 0 ? encoder[0].Name : null,
            };
        }

        LatentSpec? latent = random.Next(4) switch
        {
            0 => null,
            1 => new DenseLatent(random.Next(0, 20)),
            2 => new ConvLatent(random.Next(0, 8)),
            _ => new VariationalLatent(random.Next(1, 20)),
        };
        var losses = random.Next(3) switch
        {
            0 => new LossSpec[] { new KlLoss(), new MseLoss() },
            1 => new LossSpec[] { new LaplacianPyramidLoss { Levels = random.Next(0, 8) } },
            _ => [],
        };
        var size = random.Next(1, 33);
        return new ModelSpec("Random", null)
        {
            Input = new Shape(random.Next(1, 4), size, random.Next(3) == 0 ? size + 1 : size),
            Encoder = encoder,
            Latent = latent,
            Decoder = decoder,
            Losses = losses,
        };
    }
}
