using System.Diagnostics;
using System.Globalization;
using DslAe.Model;

namespace DslAe.ShapeAgreement.Tests;

/// <summary>
/// What `summary` prints for the two examples (issue 14, item 2), computed at compile time, against PyTorch's own
/// counts on hand-written twins of the generated modules (reference/cost_reference.py, Debian's PyTorch 1.13): per
/// stage, the forward FLOPs its profiler counts, the bytes autograd's saved-tensor hooks see kept for backward, and
/// the bytes of every tensor a forward pass creates. Tolerance: none; every figure must be equal.
/// </summary>
public sealed class CostAgreementTests
{
    public static TheoryData<string> Examples => new(["FashionAe", "UNetDenoiser"]);

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_summary_of_each_example_agrees_with_PyTorchs_counts_stage_by_stage(string example)
    {
        var summary = example == "FashionAe" ? global::FashionAutoencoder.FashionAe.Definition.Summary : global::UNetDenoiser.UNetDenoiserDefinition.Instance.Summary;
        var reference = Reference(example);

        Assert.Equal(summary.Rows.Select(r => r.Stage).Prepend("(input)"), reference.Keys);
        Assert.Equal(reference["(input)"].Saved, summary.InputSavedBytes);
        foreach (var row in summary.Rows)
        {
            var (flops, saved, forward) = reference[row.Stage];
            Assert.True(flops == row.ForwardFlops, $"{example}.{row.Stage}: {row.ForwardFlops} forward FLOPs computed, PyTorch's profiler counts {flops}");
            Assert.True(saved == row.SavedBytes, $"{example}.{row.Stage}: {row.SavedBytes} bytes kept for backward computed, autograd keeps {saved}");
            Assert.True(forward == row.ForwardBytes, $"{example}.{row.Stage}: {row.ForwardBytes} forward bytes computed, the forward pass creates {forward}");
        }

        // A training step is forward plus backward: between two and three times the forward FLOPs.
        Assert.InRange(summary.TrainingFlops, 2 * summary.ForwardFlops, 3 * summary.ForwardFlops);
    }

    /// <summary>
    /// The ops the examples do not use, in one model: batch norm, leaky ReLU, dropout, average pooling, GELU, a conv
    /// code, bilinear upsampling, an adding skip, SiLU; its twin is cost_reference.py's <c>mixed</c>.
    /// </summary>
    [Fact]
    public void The_cost_of_norms_dropout_pooling_resampling_and_adding_skips_agrees_with_PyTorchs_counts()
    {
        static StageSpec Stage(string name, LayerSpec layer, ActivationKind act, double? parameter = null) =>
            new(name, layer) { Activation = new ActivationSpec(act, parameter) };
        var spec = new ModelSpec("Mixed", null)
        {
            Input = new Shape(3, 16, 16),
            Encoder = new StageSpec[]
            {
                Stage("Enc1", new ConvLayer(8, 3), ActivationKind.LeakyRelu, 0.2) with { Norm = new NormSpec(NormKind.Batch), Dropout = 0.25 },
                Stage("Pool1", new AvgPoolLayer(2), ActivationKind.None),
                Stage("Enc2", new ConvLayer(16, 3), ActivationKind.Gelu),
            },
            Latent = new ConvLatent(8) { Name = "Code" },
            Decoder = new StageSpec[]
            {
                Stage("Dec2", new UpsampleLayer(UpsampleMode.Bilinear) { Scale = 2 }, ActivationKind.None),
                Stage("Dec1", new ConvLayer(8, 3), ActivationKind.Silu) with { Skip = new SkipSpec("Enc1") { Merge = MergeKind.Add } },
                Stage("Out", new ConvLayer(3, 1), ActivationKind.Sigmoid),
            },
            Losses = new LossSpec[] { new MseLoss() },
        };
        var plan = ShapeInference.Infer(spec);
        Assert.False(plan.HasErrors, string.Join("\n", plan.Diagnostics));
        var cost = CostModel.Of(plan);
        var reference = Reference("Mixed");

        Assert.Equal(cost.Stages.Select(s => s.Stage).Prepend("(input)"), reference.Keys);
        Assert.Equal(reference["(input)"].Saved, cost.InputSavedBytes);
        foreach (var stage in cost.Stages)
            Assert.Equal((stage.Stage, reference[stage.Stage].Flops, reference[stage.Stage].Saved, reference[stage.Stage].Forward),
                         (stage.Stage, stage.ForwardFlops, stage.SavedBytes, stage.ForwardBytes));
    }

    private static Dictionary<string, (long Flops, long Saved, long Forward)> Reference(string example)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "reference", "cost_reference.py");
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, example])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, $"the reference script failed (Debian's python3-torch is needed; ./build.sh installs it): {stderr}");
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => (Long(f[1]), Long(f[2]), Long(f[3])));
    }

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
