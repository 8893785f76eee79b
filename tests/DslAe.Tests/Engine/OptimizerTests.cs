using DslAe.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslAe.Tests.Engine;

/// <summary>
/// TorchSharp's optimisers exactly as <see cref="OptimizerFactory"/> builds them from a model's
/// <see cref="TrainingSettings"/>, step by step against torch.optim on the same parameters and gradients; and the
/// learning-rate schedule's closed form against torch.optim.lr_scheduler.
/// </summary>
public sealed class OptimizerTests
{
    private const int Steps = 5;

    private static readonly TrainingSettings Base = new() { Epochs = 10, BatchSize = 8, Beta1 = 0.9, Beta2 = 0.999, Gamma = 0.1, StepSize = 1 };

    /// <summary>Case → (the settings a declaration would give, the torch.optim constructor over [p1, p2]).</summary>
    private static readonly Dictionary<string, (TrainingSettings Settings, string Python)> Cases = new()
    {
        ["sgd"] = (Base with { Optimizer = OptimizerKind.Sgd, LearningRate = 0.1 }, "torch.optim.SGD([p1, p2], lr=0.1)"),
        ["sgd momentum, weight decay"] = (Base with { Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, Momentum = 0.9, WeightDecay = 0.01 },
            "torch.optim.SGD([p1, p2], lr=0.05, momentum=0.9, weight_decay=0.01)"),
        ["sgd nesterov, weight decay"] = (Base with { Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, Momentum = 0.8, Nesterov = true, WeightDecay = 0.02 },
            "torch.optim.SGD([p1, p2], lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.02)"),
        ["adam"] = (Base with { Optimizer = OptimizerKind.Adam, LearningRate = 0.01 }, "torch.optim.Adam([p1, p2], lr=0.01)"),
        ["adam betas, weight decay"] = (Base with { Optimizer = OptimizerKind.Adam, LearningRate = 0.02, Beta1 = 0.8, Beta2 = 0.99, WeightDecay = 0.1 },
            "torch.optim.Adam([p1, p2], lr=0.02, betas=(0.8, 0.99), weight_decay=0.1)"),
        ["adamw, PyTorch's default decay"] = (Base with { Optimizer = OptimizerKind.AdamW, LearningRate = 0.01, WeightDecay = 0.01 }, "torch.optim.AdamW([p1, p2], lr=0.01)"),
        ["adamw betas, strong decay"] = (Base with { Optimizer = OptimizerKind.AdamW, LearningRate = 0.03, Beta1 = 0.85, Beta2 = 0.95, WeightDecay = 0.2 },
            "torch.optim.AdamW([p1, p2], lr=0.03, betas=(0.85, 0.95), weight_decay=0.2)"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    private static (Parameter P1, Parameter P2, string Setup) Parameters()
    {
        var (p1, py1) = Given.Wave([3, 4]);
        var (p2, py2) = Given.Wave([4], 1, 2);
        return (new Parameter(p1), new Parameter(p2), $"p1 = {py1}.requires_grad_()\np2 = {py2}.requires_grad_()\n");
    }

    private static readonly (Tensor R1, string Py1, Tensor R2, string Py2) Targets = MakeTargets();

    private static (Tensor, string, Tensor, string) MakeTargets()
    {
        var (r1, p1) = Given.Wave([3, 4], 0.5);
        var (r2, p2) = Given.Wave([4], 2.5);
        return (r1.DetachFromDisposeScope(), p1, r2.DetachFromDisposeScope(), p2);
    }

    /// <summary>A loss whose gradients differ per element and change every step: Σ sin(p1)·r1 + Σ p2²·r2.</summary>
    private static void Backward(Tensor p1, Tensor p2)
    {
        using var scope = NewDisposeScope();
        ((p1.sin() * Targets.R1).sum() + (p2 * p2 * Targets.R2).sum()).backward();
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Factory_optimizer_matches_torch_optim_over_several_steps(string name)
    {
        using var scope = NewDisposeScope();
        var (p1, p2, setup) = Parameters();
        var (settings, python) = Cases[name];
        using var optimizer = OptimizerFactory.Create(settings, [p1, p2]);
        for (var i = 0; i < Steps; i++)
        {
            optimizer.zero_grad();
            Backward(p1, p2);
            optimizer.step();
        }
        Expect.Close(cat([p1.detach().flatten(), p2.detach().flatten()], 0), $"""
            {setup}opt = {python}
            r1 = {Targets.Py1}
            r2 = {Targets.Py2}
            for _ in range({Steps}):
                opt.zero_grad()
                ((p1.sin() * r1).sum() + (p2 * p2 * r2).sum()).backward()
                opt.step()
            result = torch.cat([p1.detach().flatten(), p2.detach().flatten()])
            """, tolerance: 1e-6);
    }

    [Fact]
    public void AdamW_from_a_model_declaring_PyTorchs_default_decay_really_decays()
    {
        // TinyDenoiser declares AdamW with weight decay 0.01, PyTorch's default; TorchSharp's own default is 0, so
        // this fails if the factory ever stops passing the declared value. With a zero gradient Adam's update is 0
        // and only the decoupled decay acts: p ← p·(1 − lr·λ).
        var settings = TinyDenoiser.Definition.Training;
        Assert.Equal(OptimizerKind.AdamW, settings.Optimizer);
        Assert.Equal(0.01, settings.WeightDecay);
        using var scope = NewDisposeScope();
        var (p1, p2, _) = Parameters();
        var before = Expect.Values(p1);
        using var optimizer = OptimizerFactory.Create(settings, [p1, p2]);
        for (var i = 0; i < 3; i++)
        {
            optimizer.zero_grad();
            ((p1 * 0).sum() + (p2 * 0).sum()).backward();
            optimizer.step();
        }
        var factor = Math.Pow(1 - settings.LearningRate * settings.WeightDecay, 3);
        Expect.Close(Expect.Values(p1), before.Select(v => v * factor).ToArray(), 1e-6, "p1 after 3 decoupled decays");
        Assert.True(Math.Abs(Expect.Values(p1)[1]) < Math.Abs(before[1]) * (1 - 1e-5), "AdamW did not decay the weights");
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    public void Optimizer_state_through_a_checkpoint_continues_bit_exactly(OptimizerKind kind)
    {
        // A resumed run must take the same steps as an uninterrupted one: momentum buffers and Adam moments (and their
        // step counts) must survive Checkpoint.Save/Restore. One CPU thread, as a run pins its count: the count other
        // tests left on this thread would otherwise decide the summation order (a clean-clone run once saw 1 ulp apart).
        var threads = get_num_threads();
        set_num_threads(1);
        try
        {
            BitExactContinuation(kind);
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    private static void BitExactContinuation(OptimizerKind kind)
    {
        var settings = TinyAe.Definition.Training with { Optimizer = kind, Momentum = kind == OptimizerKind.Sgd ? 0.9 : 0, LearningRate = 0.01, WeightDecay = 0.01 };
        using var folder = new TempFolder();
        using var batch = TestData.Fashion.Slice(0, 16).clone();
        using var straight = TinyAe.Definition.CreateModule();
        using var resumed = TinyAe.Definition.CreateModule();
        Serialization.Weights.LoadStateDict(resumed, straight.state_dict());
        using var straightOptimizer = OptimizerFactory.Create(settings, straight.parameters());
        using (var first = OptimizerFactory.Create(settings, resumed.parameters()))
        {
            for (var i = 0; i < 3; i++)
            {
                Train(straight, straightOptimizer, batch);
                Train(resumed, first, batch);
            }
            Checkpoint.Save(folder.File("last.safetensors"), resumed, first, new TrainingState
            {
                // A state a run can reach (checkpoints check it): 3 of the 3 batches of epoch 1 done.
                Model = "TinyAe", Seed = 1, BatchSize = 16, TrainCount = 48, Optimizer = kind.ToString(), Schedule = "None",
                BatchInEpoch = 3, GlobalStep = 3, EpochSamples = 48,
            });
        }
        using var continued = TinyAe.Definition.CreateModule();
        using var second = OptimizerFactory.Create(settings, continued.parameters());
        Assert.Equal(3, Checkpoint.Restore(folder.File("last.safetensors"), continued, second).GlobalStep);
        for (var i = 0; i < 3; i++)
        {
            Train(straight, straightOptimizer, batch);
            Train(continued, second, batch);
        }
        var expected = straight.state_dict();
        foreach (var (key, value) in continued.state_dict()) Expect.Same(expected[key], value, key);

        static void Train(AutoencoderModule module, TorchSharp.Modules.OptimizerHelper optimizer, Tensor x)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            module.ComputeLoss(x, x).Total.backward();
            optimizer.step();
        }
    }

    [Theory]
    [InlineData(Schedule.Step, "torch.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)")]
    [InlineData(Schedule.Cosine, "torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10, eta_min=0.001)")]
    [InlineData(Schedule.None, "torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1.0)")]
    public void LearningRateSchedule_follows_PyTorchs_schedulers_epoch_by_epoch(Schedule schedule, string python)
    {
        var settings = Base with { Optimizer = OptimizerKind.Sgd, LearningRate = 0.1, Schedule = schedule, StepSize = 3, Gamma = 0.5, MinLearningRate = 0.001, Epochs = 10 };
        var ours = Enumerable.Range(0, 10).Select(e => LearningRateSchedule.At(settings, e)).ToArray();
        // The trainer sets the rate at the start of each epoch; PyTorch's loop reads it there, then steps the scheduler.
        var expected = PythonReference.AsDoubles(PythonReference.Run($"""
            opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
            sch = {python}
            result = []
            for _ in range(10):
                result.append(opt.param_groups[0]['lr'])
                opt.step()
                sch.step()
            """));
        Expect.Close(ours, expected, 1e-12, schedule.ToString());
        if (schedule != Schedule.None) Assert.True(ours[^1] < ours[0] / 3, "the schedule should have lowered the rate");
    }

    [Fact]
    public void Setting_the_learning_rate_reaches_every_group_and_the_next_step()
    {
        // The trainer applies the schedule through SetLearningRate: the rate must really change the update.
        using var scope = NewDisposeScope();
        var p = new Parameter(ones(3));
        using var optimizer = OptimizerFactory.Create(Base with { Optimizer = OptimizerKind.Sgd, LearningRate = 0.1 }, [p]);
        OptimizerFactory.SetLearningRate(optimizer, 0.25);
        Assert.Equal(0.25, OptimizerFactory.LearningRate(optimizer));
        optimizer.zero_grad();
        p.sum().backward();
        optimizer.step();
        Assert.Equal([0.75f, 0.75f, 0.75f], p.data<float>().ToArray());
    }

    [Fact]
    public void A_non_positive_learning_rate_is_refused_with_the_fix()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create(Base with { Optimizer = OptimizerKind.Adam, LearningRate = 0 }, [new Parameter(ones(2))]));
        Assert.Contains("--lr", e.Message);
    }
}
