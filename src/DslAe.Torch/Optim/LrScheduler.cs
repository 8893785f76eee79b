using System.Globalization;
using System.Text.Json;

namespace DslAe.Torch.Optim;

/// <summary>
/// Learning-rate schedules in PyTorch's closed forms. Construction sets every group's rate for epoch 0
/// (its initial_lr); each <see cref="Step"/> advances one epoch. Derived constructors end with
/// <see cref="Start"/>, once their own settings are in place.
/// </summary>
public abstract class LrScheduler
{
    protected LrScheduler(Optimizer optimizer)
    {
        Optimizer = optimizer;
        foreach (var g in optimizer.ParamGroups) g.InitialLr ??= g.Lr;
        BaseLrs = optimizer.ParamGroups.Select(g => g.InitialLr!.Value).ToArray();
    }

    public Optimizer Optimizer { get; }

    public double[] BaseLrs { get; private set; }

    public long LastEpoch { get; private set; }

    /// <summary>The learning rate of each group for epoch <paramref name="epoch"/>.</summary>
    protected abstract double ClosedForm(double baseLr, long epoch);

    protected void Start() => Apply();

    public void Step()
    {
        LastEpoch++;
        Apply();
    }

    public double[] GetLastLr() => Optimizer.ParamGroups.Select(g => g.Lr).ToArray();

    public Dictionary<string, string> StateDict() => new()
    {
        ["scheduler"] = GetType().Name,
        ["last_epoch"] = LastEpoch.ToString(CultureInfo.InvariantCulture),
        ["base_lrs"] = JsonSerializer.Serialize(BaseLrs),
    };

    public void LoadStateDict(IReadOnlyDictionary<string, string> saved)
    {
        if (saved.GetValueOrDefault("scheduler") != GetType().Name)
            throw new InvalidOperationException($"scheduler state is for {saved.GetValueOrDefault("scheduler") ?? "an unknown scheduler"}, not {GetType().Name}");
        var baseLrs = JsonSerializer.Deserialize<double[]>(saved["base_lrs"])!;
        if (baseLrs.Length != Optimizer.ParamGroups.Count)
            throw new InvalidOperationException($"scheduler state has {baseLrs.Length} groups, the optimiser has {Optimizer.ParamGroups.Count}");
        BaseLrs = baseLrs;
        LastEpoch = long.Parse(saved["last_epoch"], CultureInfo.InvariantCulture);
        Apply();
    }

    private void Apply()
    {
        for (var i = 0; i < BaseLrs.Length; i++) Optimizer.ParamGroups[i].Lr = ClosedForm(BaseLrs[i], LastEpoch);
    }
}

/// <summary>lr = base · gamma^⌊epoch / stepSize⌋ (torch.optim.lr_scheduler.StepLR).</summary>
public sealed class StepLR : LrScheduler
{
    public StepLR(Optimizer optimizer, long stepSize, double gamma = 0.1) : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        (StepSize, Gamma) = (stepSize, gamma);
        Start();
    }

    public long StepSize { get; }
    public double Gamma { get; }

    protected override double ClosedForm(double baseLr, long epoch) => baseLr * Math.Pow(Gamma, epoch / StepSize);
}

/// <summary>lr = η_min + (base − η_min)(1 + cos(π · epoch / T_max)) / 2 (CosineAnnealingLR's closed form).</summary>
public sealed class CosineAnnealingLR : LrScheduler
{
    public CosineAnnealingLR(Optimizer optimizer, long tMax, double etaMin = 0) : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tMax);
        (TMax, EtaMin) = (tMax, etaMin);
        Start();
    }

    public long TMax { get; }
    public double EtaMin { get; }

    protected override double ClosedForm(double baseLr, long epoch) => EtaMin + (baseLr - EtaMin) * (1 + Math.Cos(Math.PI * epoch / TMax)) / 2;
}
