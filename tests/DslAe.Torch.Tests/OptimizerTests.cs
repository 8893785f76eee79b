using DslAe.Torch.Optim;

namespace DslAe.Torch.Tests;

/// <summary>Our optimisers against torch.optim on the same parameters and gradients, step by step.</summary>
public sealed class OptimizerTests : IDisposable
{
    private const int Steps = 6;

    private readonly DisposeScope scope = Torch.NewDisposeScope();

    public void Dispose() => scope.Dispose();

    /// <summary>Case → (our optimiser over two parameter tensors, the torch.optim constructor over [p1, p2]).</summary>
    private static readonly Dictionary<string, (Func<Tensor, Tensor, Optimizer> Ours, string Python)> Cases = new()
    {
        ["sgd"] = ((a, b) => new Sgd([a, b], lr: 0.1), "torch.optim.SGD([p1, p2], lr=0.1)"),
        ["sgd_momentum_dampening_decay"] = ((a, b) => new Sgd([a, b], lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01),
            "torch.optim.SGD([p1, p2], lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01)"),
        ["sgd_nesterov"] = ((a, b) => new Sgd([a, b], lr: 0.05, momentum: 0.8, nesterov: true, weightDecay: 0.02),
            "torch.optim.SGD([p1, p2], lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.02)"),
        ["sgd_groups"] = ((a, b) => new Sgd([new ParamGroup([a]), new ParamGroup([b], lr: 0.3, options: new Dictionary<string, double> { ["momentum"] = 0.5 })], lr: 0.1),
            "torch.optim.SGD([{'params': [p1]}, {'params': [p2], 'lr': 0.3, 'momentum': 0.5}], lr=0.1)"),
        ["adam"] = ((a, b) => new Adam([a, b], lr: 0.01), "torch.optim.Adam([p1, p2], lr=0.01)"),
        ["adam_decay_amsgrad_betas"] = ((a, b) => new Adam([a, b], lr: 0.02, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.1, amsgrad: true),
            "torch.optim.Adam([p1, p2], lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1, amsgrad=True)"),
        ["adam_maximize"] = ((a, b) => new Adam([a, b], lr: 0.01, maximize: true), "torch.optim.Adam([p1, p2], lr=0.01, maximize=True)"),
        ["adamw"] = ((a, b) => new AdamW([a, b], lr: 0.01), "torch.optim.AdamW([p1, p2], lr=0.01)"),
        ["adamw_decay_amsgrad_groups"] = ((a, b) => new AdamW([new ParamGroup([a], weightDecay: 0.2), new ParamGroup([b], lr: 0.05)], lr: 0.01, amsgrad: true),
            "torch.optim.AdamW([{'params': [p1], 'weight_decay': 0.2}, {'params': [p2], 'lr': 0.05}], lr=0.01, amsgrad=True)"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    private static (Tensor P1, Tensor P2, string Setup) Parameters()
    {
        var (p1, py1) = Given.Wave([3, 4]);
        var (p2, py2) = Given.Wave([4], 1, 2);
        return (p1.RequiresGrad_(), p2.RequiresGrad_(), $"p1 = {py1}.requires_grad_()\np2 = {py2}.requires_grad_()\n");
    }

    /// <summary>A loss whose gradients differ per element: sum(sin(p1)·r1) + sum(p2²·r2).</summary>
    private static void Backward(Tensor p1, Tensor p2)
    {
        using var inner = Torch.NewDisposeScope();
        var r1 = Given.Wave([3, 4], 0.5).Tensor;
        var r2 = Given.Wave([4], 2.5).Tensor;
        ((p1.Sin() * r1).Sum() + (p2 * p2 * r2).Sum()).Backward();
    }

    private const string PythonLoop = """
        r1 = ((torch.arange(0, 12, 1, dtype=torch.float64) * 1.7 + 0.5).sin() * 1).to(torch.float32).reshape(3, 4)
        r2 = ((torch.arange(0, 4, 1, dtype=torch.float64) * 1.7 + 2.5).sin() * 1).to(torch.float32).reshape(4)
        for _ in range(steps):
            opt.zero_grad()
            ((p1.sin() * r1).sum() + (p2 * p2 * r2).sum()).backward()
            opt.step()
        result = torch.cat([p1.detach().flatten(), p2.detach().flatten()])
        """;

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Optimizer_matches_torch_optim_over_several_steps(string name)
    {
        var (p1, p2, setup) = Parameters();
        var (ours, python) = Cases[name];
        using var opt = ours(p1, p2);
        for (var i = 0; i < Steps; i++)
        {
            opt.ZeroGrad();
            Backward(p1, p2);
            opt.Step();
        }
        Expect.Close(Torch.Cat(0, p1.Flatten(), p2.Flatten()), $"{setup}opt = {python}\nsteps = {Steps}\n{PythonLoop}", tolerance: 1e-6);
    }

    [Theory]
    [InlineData("sgd_momentum_dampening_decay")]
    [InlineData("adam_decay_amsgrad_betas")]
    [InlineData("adamw_decay_amsgrad_groups")]
    public void State_saved_to_safetensors_and_restored_continues_exactly(string name)
    {
        var (ours, _) = Cases[name];
        var (a1, a2, _) = Parameters();
        var (b1, b2, _) = Parameters();
        using var uninterrupted = ours(a1, a2);
        using var first = ours(b1, b2);
        for (var i = 0; i < 3; i++)
        {
            Train(uninterrupted, a1, a2);
            Train(first, b1, b2);
        }
        var path = Path.Combine(Path.GetTempPath(), $"opt-{Guid.NewGuid():N}.safetensors");
        try
        {
            using (var state = first.StateDict()) state.Save(path);
            using var resumed = ours(b1, b2);
            using (var loaded = OptimizerState.Load(path)) resumed.LoadStateDict(loaded);
            Assert.Equal(3, resumed.StateOf(b1).Step);
            for (var i = 0; i < 3; i++)
            {
                Train(uninterrupted, a1, a2);
                Train(resumed, b1, b2);
            }
            Assert.Equal(a1.ToArray<float>(), b1.ToArray<float>());
            Assert.Equal(a2.ToArray<float>(), b2.ToArray<float>());
        }
        finally
        {
            File.Delete(path);
        }

        static void Train(Optimizer opt, Tensor x, Tensor y)
        {
            opt.ZeroGrad();
            Backward(x, y);
            opt.Step();
        }
    }

    [Fact]
    public void Loading_state_of_another_optimiser_kind_or_layout_fails_clearly()
    {
        var (p1, p2, _) = Parameters();
        using var sgd = new Sgd([p1, p2], lr: 0.1, momentum: 0.9);
        using var adam = new Adam([p1, p2]);
        using var state = sgd.StateDict();
        Assert.Contains("optimizer state is for Sgd, not Adam", Assert.Throws<InvalidOperationException>(() => adam.LoadStateDict(state)).Message);
        using var one = new Sgd([p1], lr: 0.1);
        Assert.Contains("the state has 2 parameters, this optimiser has 1", Assert.Throws<InvalidOperationException>(() => one.LoadStateDict(state)).Message);
    }

    [Fact]
    public void Invalid_settings_are_rejected_with_the_reason()
    {
        var (p1, _, _) = Parameters();
        Assert.Contains("Nesterov", Assert.Throws<ArgumentException>(() => new Sgd([p1], lr: 0.1, nesterov: true)).Message);
        Assert.Contains("betas", Assert.Throws<ArgumentException>(() => new Adam([p1], beta1: 1.0)).Message);
        Assert.Contains("no parameters", Assert.Throws<ArgumentException>(() => new Adam(Array.Empty<Tensor>())).Message);
        Assert.Contains("more than one parameter group", Assert.Throws<ArgumentException>(() => new Sgd([new ParamGroup([p1]), new ParamGroup([p1])], lr: 0.1)).Message);
    }

    [Theory]
    [InlineData("step")]
    [InlineData("cosine")]
    public void Schedulers_follow_PyTorchs_learning_rates_and_resume_from_saved_state(string kind)
    {
        var (p1, _, _) = Parameters();
        using var opt = new Sgd([p1], lr: 0.1);
        LrScheduler Make(Optimizer o) => kind == "step" ? new StepLR(o, stepSize: 3, gamma: 0.5) : new CosineAnnealingLR(o, tMax: 10, etaMin: 0.001);
        var scheduler = Make(opt);
        var ours = new List<double>();
        Dictionary<string, string>? saved = null;
        for (var epoch = 0; epoch < 14; epoch++)
        {
            ours.Add(opt.ParamGroups[0].Lr);
            scheduler.Step();
            if (epoch == 6) saved = scheduler.StateDict();
        }
        var python = kind == "step" ? "torch.optim.lr_scheduler.StepLR(opt, 3, 0.5)" : "torch.optim.lr_scheduler.CosineAnnealingLR(opt, 10, 0.001)";
        var expected = PythonReference.Run($"""
            opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
            sch = {python}
            result = []
            for _ in range(14):
                result.append(opt.param_groups[0]['lr'])
                opt.step()
                sch.step()
            """).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Expect.Close(ours.ToArray(), expected, 1e-9, kind);

        using var resumedOpt = new Sgd([p1], lr: 0.1);
        var resumed = Make(resumedOpt);
        resumed.LoadStateDict(saved!);
        Assert.Equal(7, resumed.LastEpoch);
        Assert.Equal(ours[7], resumedOpt.ParamGroups[0].Lr, 12);
    }
}
