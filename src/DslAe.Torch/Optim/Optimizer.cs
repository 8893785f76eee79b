using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DslAe.Torch.Optim;

/// <summary>Per-parameter optimiser state: the step count and named tensors (moments, momentum buffer).</summary>
public sealed class ParamState
{
    public long Step { get; set; }

    public Dictionary<string, Tensor> Tensors { get; } = [];
}

/// <summary>
/// Base of the optimisers (torch.optim.Optimizer): parameter groups, per-parameter state, and a state
/// dict that round-trips exactly and saves as safetensors.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly List<ParamGroup> groups = [];
    private readonly Dictionary<Tensor, ParamState> state = new(ReferenceEqualityComparer.Instance);
    private readonly double defaultLr;
    private readonly double defaultWeightDecay;
    private readonly IReadOnlyDictionary<string, double> defaults;

    protected Optimizer(IEnumerable<ParamGroup> paramGroups, double lr, double weightDecay, IReadOnlyDictionary<string, double> defaults)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lr);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        (defaultLr, defaultWeightDecay, this.defaults) = (lr, weightDecay, defaults);
        foreach (var g in paramGroups) AddParamGroup(g);
        if (groups.Sum(g => g.Parameters.Count) == 0) throw new ArgumentException("the optimiser got no parameters: pass module.Parameters() or at least one ParamGroup");
    }

    public IReadOnlyList<ParamGroup> ParamGroups => groups;

    public void AddParamGroup(ParamGroup group)
    {
        var known = new HashSet<Tensor>(groups.SelectMany(g => g.Parameters), ReferenceEqualityComparer.Instance);
        if (group.Parameters.Any(known.Contains))
            throw new ArgumentException("a parameter appears in more than one parameter group");
        group.ApplyDefaults(defaultLr, defaultWeightDecay, defaults);
        Validate(group);
        groups.Add(group);
    }

    /// <summary>Checks a group's options (e.g. nesterov needs momentum); throws ArgumentException naming the problem.</summary>
    protected virtual void Validate(ParamGroup group) { }

    /// <summary>Updates every parameter that has a gradient, without recording autograd history.</summary>
    public void Step()
    {
        using var noGrad = Torch.NoGrad();
        foreach (var group in groups)
            foreach (var p in group.Parameters)
            {
                using var grad = p.Grad;
                if (grad is null) continue;
                Update(group, p, grad, StateOf(p));
            }
    }

    /// <summary>One parameter's update (the single-tensor loop body of torch.optim).</summary>
    protected abstract void Update(ParamGroup group, Tensor parameter, Tensor grad, ParamState state);

    /// <summary>Drops the gradients of every parameter (set to none).</summary>
    public void ZeroGrad()
    {
        foreach (var p in groups.SelectMany(g => g.Parameters)) p.ClearGrad();
    }

    public ParamState StateOf(Tensor parameter)
    {
        if (!state.TryGetValue(parameter, out var s)) state[parameter] = s = new ParamState();
        return s;
    }

    /// <summary>Adopts a new state tensor: it lives as long as the optimiser, outside any dispose scope.</summary>
    protected static Tensor Keep(Tensor tensor) => tensor.DetachFromDisposeScope();

    /// <summary>
    /// A snapshot of the state: tensors "state.{i}.{name}" (copies, on the CPU) with i the parameter's
    /// position over all groups as in PyTorch, and metadata holding the optimiser kind, the groups'
    /// settings and every step count. Dispose it when done.
    /// </summary>
    public OptimizerState StateDict()
    {
        var tensors = new Dictionary<string, Tensor>();
        var meta = new Dictionary<string, string> { ["optimizer"] = GetType().Name };
        var groupsJson = new JsonArray();
        var index = 0;
        foreach (var g in groups)
        {
            var gj = new JsonObject { ["lr"] = g.Lr, ["weight_decay"] = g.WeightDecay };
            if (g.InitialLr is { } initial) gj["initial_lr"] = initial;
            var options = new JsonObject();
            foreach (var (k, v) in g.Options) options[k] = v;
            gj["options"] = options;
            var ids = new JsonArray();
            foreach (var p in g.Parameters)
            {
                if (state.TryGetValue(p, out var s))
                {
                    meta[$"state.{index}.step"] = s.Step.ToString(CultureInfo.InvariantCulture);
                    foreach (var (name, t) in s.Tensors) tensors[$"state.{index}.{name}"] = t.Detach().Cpu().Clone().DetachFromDisposeScope();
                }
                ids.Add(index++);
            }
            gj["params"] = ids;
            groupsJson.Add(gj);
        }
        meta["param_groups"] = groupsJson.ToJsonString();
        return new OptimizerState(tensors, meta);
    }

    /// <summary>Restores a <see cref="StateDict"/> of an optimiser of the same kind over parameters of the same shapes.</summary>
    public void LoadStateDict(OptimizerState saved)
    {
        var kind = saved.Metadata.GetValueOrDefault("optimizer");
        if (kind != GetType().Name)
            throw new InvalidOperationException($"optimizer state is for {kind ?? "an unknown optimiser"}, not {GetType().Name}");
        var groupsJson = JsonNode.Parse(saved.Metadata.GetValueOrDefault("param_groups") ?? "[]")!.AsArray();
        if (groupsJson.Count != groups.Count)
            throw new InvalidOperationException($"optimizer state has {groupsJson.Count} parameter groups, this optimiser has {groups.Count}");
        for (var i = 0; i < groups.Count; i++)
        {
            var count = groupsJson[i]!["params"]!.AsArray().Count;
            if (count != groups[i].Parameters.Count)
                throw new InvalidOperationException($"parameter group {i}: the state has {count} parameters, this optimiser has {groups[i].Parameters.Count}");
        }

        foreach (var s in state.Values) DisposeTensors(s);
        state.Clear();
        var index = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var gj = groupsJson[i]!.AsObject();
            g.Lr = gj["lr"]!.GetValue<double>();
            g.WeightDecay = gj["weight_decay"]!.GetValue<double>();
            g.InitialLr = gj["initial_lr"]?.GetValue<double>();
            foreach (var (k, v) in gj["options"]!.AsObject()) g.Options[k] = v!.GetValue<double>();
            foreach (var p in g.Parameters)
            {
                var prefix = $"state.{index}.";
                if (saved.Metadata.TryGetValue(prefix + "step", out var step))
                {
                    var s = StateOf(p);
                    s.Step = long.Parse(step, CultureInfo.InvariantCulture);
                    foreach (var (key, t) in saved.Tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)))
                    {
                        if (!t.Shape.SequenceEqual(p.Shape))
                            throw new InvalidOperationException($"optimizer state '{key}' has shape {Tensor.FormatShape(t.Shape)} but parameter {index} has {Tensor.FormatShape(p.Shape)}");
                        s.Tensors[key[prefix.Length..]] = Keep(t.To(p.Dtype, p.Device).Clone());
                    }
                }
                index++;
            }
        }
    }

    public void Dispose()
    {
        foreach (var s in state.Values) DisposeTensors(s);
        state.Clear();
        GC.SuppressFinalize(this);
    }

    private static void DisposeTensors(ParamState s)
    {
        foreach (var t in s.Tensors.Values) t.Dispose();
        s.Tensors.Clear();
    }
}

/// <summary>An optimiser's saved state: tensors plus a string metadata map (safetensors' two parts).</summary>
public sealed class OptimizerState(Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) : IDisposable
{
    public Dictionary<string, Tensor> Tensors { get; } = tensors;

    public Dictionary<string, string> Metadata { get; } = metadata;

    public void Save(string path) => Safetensors.Save(path, Tensors, Metadata);

    public static OptimizerState Load(string path)
    {
        var (tensors, metadata) = Safetensors.LoadWithMetadata(path);
        if (!metadata.ContainsKey("optimizer"))
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw new InvalidDataException($"'{path}' holds no optimizer state (its metadata lacks the \"optimizer\" entry)");
        }
        return new OptimizerState(tensors, metadata);
    }

    public void Dispose()
    {
        foreach (var t in Tensors.Values) t.Dispose();
    }
}
