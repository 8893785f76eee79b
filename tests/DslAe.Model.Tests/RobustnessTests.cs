using DslAe.Model;

namespace DslAe.Model.Tests;

/// <summary>
/// The generator must never throw (an exception becomes CS8785 and the output silently vanishes), so
/// inference is run on thousands of seeded random, mostly nonsensical models, nulls included.
/// </summary>
public class RobustnessTests
{
    private readonly Random _random = new(7);

    private int Number() => _random.Next(8) == 0 ? _random.Next(-3, 1) : _random.Next(1, 40);

    private string? Name(int count) => _random.Next(30) switch
    {
        0 => null,
        1 => string.Empty,
        _ => "S" + _random.Next(count + 2),
    };

    private LayerSpec Layer(int count) => _random.Next(13) switch
    {
        12 => null!,
        0 => new ConvLayer(Number(), Number()) { Stride = Number(), Dilation = Number(), Groups = Number(), Padding = _random.Next(3) == 0 ? Padding.Explicit(Number()) : Padding.Same },
        1 => new ConvTransposeLayer(Number(), Number()) { Stride = Number(), Dilation = Number(), Groups = Number(), OutputPadding = _random.Next(2) == 0 ? null : Number(), Padding = _random.Next(2) == 0 ? Padding.Valid : Padding.Explicit(Number()) },
        2 => new MaxPoolLayer(Number()) { Stride = _random.Next(2) == 0 ? null : Number(), Padding = Number(), Dilation = Number(), CeilMode = _random.Next(2) == 0, KeepIndices = _random.Next(2) == 0 },
        3 => new AvgPoolLayer(Number()) { Padding = Number(), CeilMode = _random.Next(2) == 0 },
        4 => new MaxUnpoolLayer(Name(count)!),
        5 => new UpsampleLayer(UpsampleMode.Bicubic) { Scale = _random.Next(3) == 0 ? null : _random.NextDouble() * 3, Size = _random.Next(2) == 0 ? null : new SpatialSize(Number(), Number()) },
        6 => new PixelShuffleLayer(Number()),
        7 => FlattenLayer.Instance,
        8 => new DenseLayer(Number()),
        9 => new UnflattenLayer(Number(), Number(), Number()),
        _ => IdentityLayer.Instance,
    };

    private StageSpec Stage(int index, int count) => new(Name(count)!, Layer(count))
    {
        Skip = _random.Next(4) == 0 ? new SkipSpec(Name(count)!) { Merge = (MergeKind)_random.Next(2), Filter = (SkipFilter)_random.Next(2) } : null,
        TiedTo = _random.Next(6) == 0 ? Name(count) : null,
        Norm = _random.Next(5) == 0 ? new NormSpec((NormKind)_random.Next(3), Number()) : null,
        Dropout = _random.Next(10) == 0 ? _random.NextDouble() * 2 - 0.5 : 0,
    };

    private LatentSpec? Latent() => _random.Next(6) switch
    {
        0 => null,
        1 => new ConvLatent(Number()),
        2 => new DenseLatent(Number()),
        3 => new VariationalLatent(Number()),
        4 => new LearnableLatent(Number()) { ProjectTo = _random.Next(2) == 0 ? null : new Shape(Number(), Number(), Number()) },
        _ => new DenseLatent(Number()) { Name = null! },
    };

    [Fact]
    public void Inference_never_throws_on_random_models()
    {
        for (var i = 0; i < 5000; i++)
        {
            var count = _random.Next(0, 7);
            var stages = Enumerable.Range(0, count).Select(j => Stage(j, count)).ToArray();
            var split = _random.Next(0, count + 1);
            var spec = new ModelSpec("Fuzz", null)
            {
                Input = _random.Next(10) == 0 ? null : new Shape(Number(), Number(), Number()),
                Encoder = stages.Take(split).ToArray(),
                Latent = Latent(),
                Decoder = stages.Skip(split).ToArray(),
                Losses = _random.Next(3) == 0
                    ? new LossSpec[] { new KlLoss(), new LaplacianPyramidLoss { Levels = Number() }, new PerceptualLoss(new[] { Name(count)! }), new AdversarialLoss(new DiscriminatorSpec(new[] { Stage(0, count) }) { MinibatchDiscrimination = true }) }
                    : default,
            };

            var plan = ShapeInference.Infer(spec);
            Assert.True(plan.Output is null || plan.HasErrors || plan.Decoder.Count + plan.Encoder.Count == count, spec.ToString());
        }
    }
}
