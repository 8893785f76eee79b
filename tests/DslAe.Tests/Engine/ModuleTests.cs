using TorchSharp;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DslAe.Tests.Engine;

/// <summary>
/// A generated module is an ordinary TorchSharp module: named like its declaration, convertible, switchable between
/// training and evaluation, and composable with hand-written TorchSharp code through its encoder.
/// </summary>
public sealed class ModuleTests(ITestOutputHelper output)
{
    [Fact]
    public void State_dict_keys_are_exactly_the_stage_names()
    {
        using var module = TinyAe.Definition.CreateModule();
        Assert.Equal(
            ["Enc1.weight", "Enc1.bias", "Enc2.weight", "Enc2.bias", "CodeIn.weight", "CodeIn.bias", "CodeOut.weight", "CodeOut.bias",
             "Dec1.weight", "Dec1.bias", "Dec2.weight", "Dec2.bias"],
            module.state_dict().Keys);
        Assert.Equal(module.state_dict().Keys, module.named_parameters().Select(p => p.name));   // no buffers in TinyAe
        Assert.Equal(["Enc1", "Enc2", "CodeIn", "CodeOut", "Dec1", "Dec2"], module.named_children().Select(c => c.name));
    }

    [Fact]
    public void Parameter_count_equals_the_compile_time_summary_stage_by_stage()
    {
        using var module = TinyAe.Definition.CreateModule();
        var summary = TinyAe.Definition.Summary;
        Assert.Equal(summary.TotalParameters, module.parameters().Sum(p => p.numel()));
        // A stage's parameters are those whose key starts with its name (the code's CodeIn/CodeOut belong to "Code").
        foreach (var row in summary.Rows)
            Assert.True(row.Parameters == module.named_parameters().Where(p => p.name.StartsWith(row.Stage, StringComparison.Ordinal)).Sum(p => p.parameter.numel()),
                $"stage {row.Stage}: the summary says {row.Parameters} parameters");
        var denoiser = TinyDenoiser.Definition;
        using var denoiserModule = denoiser.CreateModule();
        Assert.Equal(denoiser.Summary.TotalParameters, denoiserModule.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Train_and_eval_reach_every_submodule_and_the_encoder_view()
    {
        using var module = TinyAe.Definition.CreateModule();
        using var encoder = module.CreateEncoder();
        Assert.True(module.training);
        module.eval();
        Assert.All(module.modules(), m => Assert.False(m.training));
        module.train();
        Assert.All(module.modules(), m => Assert.True(m.training));
        encoder.eval();                                           // the encoder's stages are the module's
        Assert.False(module.named_children().First(c => c.name == "Enc1").module.training);
        Assert.True(module.named_children().First(c => c.name == "Dec1").module.training);
    }

    [Fact]
    public void To_float64_converts_every_parameter_and_the_module_still_runs()
    {
        using var scope = NewDisposeScope();
        using var module = TinyAe.Definition.CreateModule();
        module.to(ScalarType.Float64);
        Assert.All(module.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        Assert.All(module.parameters(), p => Assert.True(p.requires_grad));
        var y = module.call(TestData.Fashion.Slice(0, 2).to(ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, y.dtype);
        Assert.Equal([2L, 1, 28, 28], y.shape);
        // The encoder view made after the conversion reaches the converted tensors.
        using var encoder = module.CreateEncoder();
        Assert.All(encoder.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
    }

    [Fact]
    public void The_encoder_shares_the_modules_parameters_and_computes_its_code()
    {
        using var scope = NewDisposeScope();
        using var module = TinyAe.Definition.CreateModule();
        var encoder = module.CreateEncoder();
        var own = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var shared = encoder.named_parameters().ToList();
        Assert.Equal(["Enc1.weight", "Enc1.bias", "Enc2.weight", "Enc2.bias", "CodeIn.weight", "CodeIn.bias"], shared.Select(p => p.name));
        foreach (var (name, parameter) in shared)
            Assert.True(own[name].Handle == parameter.Handle, $"{name} is a copy, not the module's own tensor");

        // Mutating through the encoder changes the autoencoder, and the other way round.
        using (no_grad()) shared[0].parameter.fill_(0.5f);
        Assert.All(own["Enc1.weight"].data<float>().ToArray(), v => Assert.Equal(0.5f, v));
        using (no_grad()) own["CodeIn.bias"].fill_(-2f);
        Assert.All(shared[5].parameter.data<float>().ToArray(), v => Assert.Equal(-2f, v));

        var x = TestData.Fashion.Slice(0, 4);
        Expect.Same(module.Encode(x), encoder.call(x));
        Assert.Equal([4L, 16], encoder.call(x).shape);

        // Disposing the view frees nothing of the module's.
        encoder.Dispose();
        Assert.Equal([4L, 1, 28, 28], module.call(x).shape);
    }

    /// <summary>A hand-written TorchSharp model: DslAe's encoder plus its own head, registered by name.</summary>
    private sealed class IntensityRegressor : nn.Module<Tensor, Tensor>
    {
        private readonly EncoderModule encoder;
        private readonly Linear head;

        public IntensityRegressor(AutoencoderModule autoencoder, long codeSize) : base(nameof(IntensityRegressor))
        {
            encoder = autoencoder.CreateEncoder();
            head = nn.Linear(codeSize, 1);
            register_module("encoder", encoder);
            register_module("head", head);
        }

        public override Tensor forward(Tensor input) => head.call(F.relu(encoder.call(input))).squeeze(1);
    }

    [Fact]
    public void A_hand_written_module_around_the_encoder_trains_with_a_TorchSharp_optimizer()
    {
        // Target learnable without labels: each image's mean pixel intensity. Training must reach into the encoder.
        using var generator = manual_seed(3);
        using var autoencoder = TinyAe.Definition.CreateModule();
        var codeSize = TinyAe.Definition.Summary.Rows.Single(r => r.Stage == "Code").OutputShape.Aggregate(1, (a, b) => a * b);
        using var model = new IntensityRegressor(autoencoder, codeSize);
        Assert.Equal(["encoder.Enc1.weight", "encoder.Enc1.bias", "encoder.Enc2.weight", "encoder.Enc2.bias", "encoder.CodeIn.weight", "encoder.CodeIn.bias", "head.weight", "head.bias"],
            model.state_dict().Keys);
        var enc1Before = autoencoder.state_dict()["Enc1.weight"].detach().clone();
        using var optimizer = optim.Adam(model.parameters(), lr: 2e-3);

        const int steps = 150, batch = 64;
        var images = TestData.Fashion;
        var losses = new List<float>();
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var x = images.Slice(step * batch % (images.Count - batch), batch);
            var target = x.mean([1, 2, 3]);
            var loss = F.mse_loss(model.call(x), target);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }

        var first = losses.Take(10).Average();
        var last = losses.TakeLast(10).Average();
        output.WriteLine($"mean-intensity regression: loss {first:G4} over the first 10 steps, {last:G4} over the last 10");
        Assert.True(last < 0.1 * first, $"the loss fell only from {first} to {last}");
        Assert.True(losses.All(float.IsFinite));
        var enc1After = autoencoder.state_dict()["Enc1.weight"];
        Assert.True((enc1After - enc1Before).abs().max().item<float>() > 1e-3, "training the head model did not change the shared encoder weights");
        enc1Before.Dispose();
    }
}
