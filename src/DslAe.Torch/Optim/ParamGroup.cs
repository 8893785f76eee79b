namespace DslAe.Torch.Optim;

/// <summary>
/// Parameters sharing optimiser settings: learning rate, weight decay and per-kind options
/// ("momentum", "dampening", "nesterov", "beta1", "beta2", "eps", "amsgrad", "maximize"; flags are 0/1).
/// Options left out take the optimiser's defaults.
/// </summary>
public sealed class ParamGroup(IEnumerable<Tensor> parameters, double? lr = null, double? weightDecay = null, IReadOnlyDictionary<string, double>? options = null)
{
    public IReadOnlyList<Tensor> Parameters { get; } = parameters.ToList();

    public double Lr { get; set; } = lr ?? double.NaN;

    public double WeightDecay { get; set; } = weightDecay ?? double.NaN;

    /// <summary>The learning rate schedulers start from (PyTorch's "initial_lr"); set by the first scheduler.</summary>
    public double? InitialLr { get; set; }

    public Dictionary<string, double> Options { get; } = options is null ? [] : new(options);

    public double this[string option]
    {
        get => Options.TryGetValue(option, out var v) ? v : throw new KeyNotFoundException($"parameter group has no option '{option}' (known: {string.Join(", ", Options.Keys)})");
        set => Options[option] = value;
    }

    internal void ApplyDefaults(double lr, double weightDecay, IReadOnlyDictionary<string, double> defaults)
    {
        if (double.IsNaN(Lr)) Lr = lr;
        if (double.IsNaN(WeightDecay)) WeightDecay = weightDecay;
        foreach (var (k, v) in defaults) Options.TryAdd(k, v);
    }
}
