using System.Text.RegularExpressions;
using DslAe.Model;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace DslAe.Model.Tests;

/// <summary>
/// Properties over random models: the fixes that messages propose really clear the diagnostic, and
/// the documented `same` laws hold for every size.
/// </summary>
public class FixProperties
{
    /// <summary>Seeded so a failure reproduces.</summary>
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261122UL, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    /// <summary>A mirrored encoder/decoder whose decoder uses explicit padding that may miss the encoder's sizes.</summary>
    private static ModelSpec Mirror(int size, int depth, int kernel, int padding)
    {
        var encoder = Enumerable.Range(1, depth).Select(i => new StageSpec("Enc" + i, new ConvLayer(4, kernel) { Stride = 2 })).ToArray();
        var decoder = Enumerable.Range(1, depth).Reverse()
            .Select(i => new StageSpec("Dec" + i, new ConvTransposeLayer(i == 1 ? 1 : 4, kernel) { Stride = 2, Padding = Padding.Explicit(padding) }))
            .ToArray();
        return new ModelSpec("Mirror", null) { Input = new Shape(1, size, size), Encoder = encoder, Decoder = decoder };
    }

    /// <summary>Applies "set OutputPadding = n on X" or "set Padding = p[, OutputPadding = n] on X" to a decoder stage.</summary>
    private static ModelSpec? Apply(ModelSpec spec, string message)
    {
        var match = Regex.Match(message, @"set (?:Padding = (?<p>\d+), )?OutputPadding = (?<op>\d+) on (?<stage>\w+)|set Padding = (?<p2>\d+) on (?<stage2>\w+)");
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["stage"].Success ? match.Groups["stage"].Value : match.Groups["stage2"].Value;
        var decoder = spec.Decoder.Select(s =>
        {
            if (s.Name != name)
            {
                return s;
            }

            var layer = (ConvTransposeLayer)s.Layer;
            if (match.Groups["op"].Success)
            {
                layer = layer with { OutputPadding = int.Parse(match.Groups["op"].Value) };
            }

            var padding = match.Groups["p"].Success ? match.Groups["p"].Value : match.Groups["p2"].Success ? match.Groups["p2"].Value : null;
            return s with { Layer = padding is null ? layer : layer with { Padding = Padding.Explicit(int.Parse(padding)) } };
        });
        return spec with { Decoder = decoder.ToArray() };
    }

    [Fact]
    public void Following_the_proposed_fixes_reaches_the_input_shape()
    {
        var models = from size in Gen.Choose(8, 64)
                     from depth in Gen.Choose(1, 3)
                     from kernel in Gen.Choose(2, 5)
                     from padding in Gen.Choose(0, 2)
                     select (size, depth, kernel, padding);
        var repairedModels = 0;
        Prop.ForAll(models.ToArbitrary(), m =>
        {
            var spec = Mirror(m.size, m.depth, m.kernel, m.padding);
            // Each fix repairs one stage; a decoder has at most `depth` stages to repair.
            for (var step = 0; step <= m.depth; step++)
            {
                var plan = ShapeInference.Infer(spec);
                var mismatch = plan.Diagnostics.FirstOrDefault(d => d.Id == "DSLAE001");
                if (mismatch is null)
                {
                    // Either repaired, or stopped by another rule (a padding that empties a small map,
                    // DSLAE004), which is not what this property is about.
                    repairedModels += step > 0 && !plan.HasErrors ? 1 : 0;
                    return !plan.HasErrors || plan.Diagnostics.Any(d => d.Id == "DSLAE004");
                }

                var repaired = Apply(spec, mismatch.Message);
                if (repaired is null)
                {
                    // No padding fix exists (e.g. stride 2 cannot reach an odd size): the message must still name a change.
                    return mismatch.Message.Contains("; ", StringComparison.Ordinal);
                }

                spec = repaired;
            }

            return false;
        }).Check(Runs);
        Assert.True(repairedModels > 50, $"only {repairedModels} models were repaired by following the fixes");
    }

    [Fact]
    public void Same_padding_gives_ceil_for_conv_and_times_stride_for_transposed_conv()
    {
        var configs = from size in Gen.Choose(1, 64)
                      from kernel in Gen.Choose(1, 7)
                      from stride in Gen.Choose(1, 4)
                      from dilation in Gen.Choose(1, 3)
                      select (size, kernel, stride, dilation);
        Prop.ForAll(configs.ToArbitrary(), c =>
        {
            var input = new Shape(2, c.size, c.size);
            var conv = ShapeInference.Infer(new ModelSpec("C", null) { Input = input, Encoder = new[] { new StageSpec("L", new ConvLayer(3, c.kernel) { Stride = c.stride, Dilation = c.dilation }) } });
            var convT = ShapeInference.Infer(new ModelSpec("T", null) { Input = input, Encoder = new[] { new StageSpec("L", new ConvTransposeLayer(3, c.kernel) { Stride = c.stride, Dilation = c.dilation }) } });
            return conv.Encoder[0].Output.Height == (c.size + c.stride - 1) / c.stride
                && convT.Encoder[0].Output.Height == c.size * c.stride;
        }).Check(Runs);
    }
}
