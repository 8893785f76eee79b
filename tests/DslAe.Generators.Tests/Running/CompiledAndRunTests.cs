using TorchSharp;
using static TorchSharp.torch;

namespace DslAe.Generators.Tests.Running;

/// <summary>
/// Generated modules compiled and run through TorchSharp: a batch of two goes through each model, and the output and
/// code shapes and every stage's parameter count equal what the compile-time <c>Summary</c> promises.
/// </summary>
public sealed class CompiledAndRunTests(CompiledModels compiled) : IClassFixture<CompiledModels>
{
    /// <summary>Suffixes the emitter appends to a stage's name for its parts (norm module, tied bias, latent heads).</summary>
    private static readonly string[] PartSuffixes = ["Norm", "Bias", "In", "Out", "Mean", "LogVariance"];

    [Fact]
    public void Generated_code_compiles_without_errors_or_warnings()
    {
        var reported = compiled.Diagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();

        Assert.True(reported.Count == 0, "Compiler diagnostics:\n" + string.Join("\n", reported));
        Assert.DoesNotContain(compiled.EmitDiagnostics, d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
        Assert.Empty(compiled.Outcome.Diagnostics);
    }

    [Theory]
    [InlineData("Samples.Denoising.DenoisingUNet")]
    [InlineData("Samples.Variational.TiedVae")]
    [InlineData("Samples.Segmentation.ShuffleSegmenter")]
    [InlineData("FashionAutoencoder.FashionAe")]
    [InlineData("Samples.Resolution.SuperResolver")]
    [InlineData("Samples.Classification.GarmentClassifier")]
    public void Forward_pass_shapes_and_parameter_counts_equal_the_summary(string model)
    {
        var definition = compiled.Definition(model);
        var summary = definition.Summary;
        using var module = definition.CreateModule();
        using var scope = NewDisposeScope();
        var input = randn([2, .. definition.InputShape.Select(d => (long)d)]);

        var output = module.call(input);
        var pass = module.Run(input);

        Assert.Equal([2L, .. summary.Rows[^1].OutputShape.Select(d => (long)d)], output.shape);
        Assert.Equal(output.shape, pass.Output.shape);
        Assert.Equal([2L, .. definition.Target.Shape.Select(d => (long)d)], output.shape);
        var latent = summary.Rows.SingleOrDefault(r => r.Kind.StartsWith("Latent", StringComparison.Ordinal));
        if (latent is not null)
        {
            Assert.Equal([2L, .. latent.OutputShape.Select(d => (long)d)], pass.Code!.shape);
            Assert.Equal(pass.Code.shape, module.Encode(input).shape);
        }

        Assert.Equal(summary.TotalParameters, module.parameters().Sum(p => p.numel()));
        var byStage = ParametersByStage(module, summary.Rows.Select(r => r.Stage).ToHashSet());
        foreach (var row in summary.Rows)
        {
            Assert.True(row.Parameters == byStage.GetValueOrDefault(row.Stage),
                $"{model}.{row.Stage}: summary says {row.Parameters} parameters, the module has {byStage.GetValueOrDefault(row.Stage)}");
        }
    }

    [Theory]
    [InlineData("Samples.Denoising.DenoisingUNet")]
    [InlineData("Samples.Segmentation.ShuffleSegmenter")]
    [InlineData("Samples.Variational.TiedVae")]
    public void Every_norm_starts_with_weight_one_and_bias_zero_as_in_PyTorch(string model)
    {
        // TorchSharp 0.107's GroupNorm leaves these uninitialised; the generated code must not inherit that.
        using var module = compiled.Definition(model).CreateModule();
        var norms = module.state_dict().Where(p => p.Key.Split('.')[0].EndsWith("Norm", StringComparison.Ordinal)
                                                   && p.Key.Split('.')[1] is "weight" or "bias").ToList();
        Assert.NotEmpty(norms);
        foreach (var (name, tensor) in norms)
        {
            var expected = name.EndsWith(".weight", StringComparison.Ordinal) ? 1f : 0f;
            Assert.True(tensor.data<float>().ToArray().All(v => v == expected), $"{model}.{name} does not start at {expected}");
        }
    }

    [Fact]
    public void Loss_returns_each_declared_term_and_their_weighted_total()
    {
        var definition = compiled.Definition("Samples.Denoising.DenoisingUNet");
        using var module = definition.CreateModule();
        using var scope = NewDisposeScope();
        var target = rand(2, 1, 32, 32);

        var loss = module.ComputeLoss(module.Corrupt(target), target);

        Assert.Equal(["l1", "laplacian", "bce"], loss.Terms.Select(t => t.Name));
        Assert.Equal([1.0, 0.5, 0.25], loss.Terms.Select(t => t.Weight));
        var weighted = loss.Terms.Sum(t => t.Weight * t.Value.item<float>());
        Assert.Equal(weighted, loss.Total.item<float>(), 4);
    }

    [Fact]
    public void A_residual_model_outputs_the_bicubic_upsampling_plus_its_decoder()
    {
        var definition = compiled.Definition("Samples.Resolution.SuperResolver");
        using var module = definition.CreateModule();
        using var scope = NewDisposeScope();
        var input = rand(2, 1, 14, 14);
        var upsampled = DslAe.ImageResampling.Upscale(input, 2);
        var withDecoder = module.call(input);
        using (no_grad())
        {
            // A decoder whose last stage outputs zeros leaves exactly the upsampled input.
            foreach (var p in module.named_parameters().Where(p => p.name.StartsWith("Out", StringComparison.Ordinal))) p.parameter.zero_();
        }

        Assert.True(module.call(input).allclose(upsampled, rtol: 0, atol: 1e-6));
        Assert.False(withDecoder.allclose(upsampled, rtol: 0, atol: 1e-3));
        Assert.Throws<InvalidOperationException>(() => module.Decode(randn(2, 16, 14, 14)));
    }

    [Fact]
    public void A_label_target_trains_on_cross_entropy_by_default()
    {
        var definition = compiled.Definition("Samples.Classification.GarmentClassifier");
        using var module = definition.CreateModule();
        using var scope = NewDisposeScope();
        var input = rand(4, 1, 28, 28);
        var labels = tensor(new long[] { 0, 3, 9, 3 });

        var loss = module.ComputeLoss(input, labels);

        Assert.Equal("crossEntropy", Assert.Single(loss.Terms).Name);
        Assert.Equal(nn.functional.cross_entropy(module.call(input), labels).item<float>(), loss.Total.item<float>(), 5);
        Assert.Equal(DslAe.TargetKind.Labels, definition.Target.Kind);
        Assert.Equal(10, definition.Target.Classes);
    }

    [Fact]
    public void Decoding_a_code_alone_matches_the_summary_where_the_decoder_reads_no_encoder_stage()
    {
        var definition = compiled.Definition("Samples.Variational.TiedVae");
        using var module = definition.CreateModule();
        using var scope = NewDisposeScope();

        var decoded = module.Decode(randn(2, 10));

        Assert.Equal([2L, 1, 28, 28], decoded.shape);
    }

    /// <summary>Parameter counts grouped by the stage that owns them ("Enc1Norm.weight" and "Dec1Bias" belong to Enc1 and Dec1).</summary>
    private static Dictionary<string, long> ParametersByStage(nn.Module module, HashSet<string> stages)
    {
        var counts = new Dictionary<string, long>();
        foreach (var (name, tensor) in module.named_parameters())
        {
            var owner = name.Split('.')[0];
            if (!stages.Contains(owner))
            {
                owner = PartSuffixes.Where(s => owner.EndsWith(s, StringComparison.Ordinal))
                    .Select(s => owner[..^s.Length])
                    .FirstOrDefault(stages.Contains) ?? throw new InvalidOperationException("Parameter '" + name + "' belongs to no stage of " + string.Join(", ", stages));
            }

            counts[owner] = counts.GetValueOrDefault(owner) + tensor.numel();
        }

        return counts;
    }
}
