namespace DslAe.Torch.Nn;

/// <summary>
/// A tree of named parameters, buffers and submodules, as torch.nn.Module. Registration is explicit:
/// constructors call <see cref="RegisterParameter"/>, <see cref="RegisterBuffer"/> and <see cref="RegisterModule{T}"/>.
/// Registered tensors belong to the module (never to a dispose scope) and are freed by <see cref="Dispose"/>.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> buffers = [];
    private readonly List<KeyValuePair<string, Module>> modules = [];
    private bool disposed;

    public bool IsTraining { get; private set; } = true;

    /// <summary>Registers (or replaces) a parameter; it gets requires_grad when floating point.</summary>
    public Tensor RegisterParameter(string name, Tensor tensor)
    {
        CheckName(name);
        tensor.DetachFromDisposeScope();
        if (tensor.Dtype.IsFloatingPoint() && !tensor.RequiresGrad) tensor.RequiresGrad = true;
        Set(parameters, name, tensor);
        return tensor;
    }

    /// <summary>Registers (or replaces) a buffer: state saved with the module but not trained (running statistics).</summary>
    public Tensor RegisterBuffer(string name, Tensor tensor)
    {
        CheckName(name);
        tensor.DetachFromDisposeScope();
        Set(buffers, name, tensor);
        return tensor;
    }

    public T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckName(name);
        Set(modules, name, module);
        return module;
    }

    /// <summary>Parameters with dotted names ("enc1.weight"); a tensor registered twice (tied weights) is listed once.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters() => Distinct(Walk(m => m.parameters));

    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers() => Distinct(Walk(m => m.buffers));

    public IEnumerable<Tensor> Buffers() => NamedBuffers().Select(b => b.Value);

    /// <summary>This module (name "") and every descendant, depth first, with dotted names.</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedModules()
    {
        yield return new("", this);
        foreach (var (name, child) in modules)
            foreach (var (sub, m) in child.NamedModules())
                yield return new(sub.Length == 0 ? name : $"{name}.{sub}", m);
    }

    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => modules;

    public IEnumerable<Module> Children() => modules.Select(m => m.Value);

    /// <summary>Number of trainable elements (tied weights counted once).</summary>
    public long ParameterCount => Parameters().Sum(p => p.NumEl);

    /// <summary>Sets training mode on this module and every descendant; returns this.</summary>
    public Module Train(bool on = true)
    {
        foreach (var (_, m) in NamedModules()) m.IsTraining = on;
        return this;
    }

    public Module Eval() => Train(false);

    /// <summary>Moves parameters and buffers to <paramref name="device"/> in place: every holder of them (optimisers, tied layers) sees the move.</summary>
    public Module To(Device device) => Convert(t => t.To(device));

    /// <summary>Converts floating-point parameters and buffers to <paramref name="dtype"/> in place.</summary>
    public Module To(ScalarType dtype) => Convert(t => t.Dtype.IsFloatingPoint() ? t.To(dtype) : t.To(t.Dtype));

    private Module Convert(Func<Tensor, Tensor> convert)
    {
        using var noGrad = Torch.NoGrad();
        foreach (var t in Parameters().Concat(Buffers()))
        {
            using var moved = convert(t);
            t.SetData(moved);
        }
        return this;
    }

    /// <summary>Drops every parameter's gradient (set to none, PyTorch 2's default).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ClearGrad();
    }

    /// <summary>Parameters then buffers by dotted name: the live tensors (do not dispose them).</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var dict = new Dictionary<string, Tensor>();
        foreach (var (name, t) in Walk(m => m.parameters).Concat(Walk(m => m.buffers))) dict.TryAdd(name, t);
        return dict;
    }

    /// <summary>
    /// Copies values from <paramref name="stateDict"/> into this module's tensors (converting dtype and device).
    /// A shape mismatch always fails; missing or unexpected keys fail when <paramref name="strict"/>.
    /// </summary>
    public LoadResult LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true)
    {
        var own = StateDict();
        var missing = own.Keys.Where(k => !stateDict.ContainsKey(k)).ToList();
        var unexpected = stateDict.Keys.Where(k => !own.ContainsKey(k)).ToList();
        var mismatched = own.Where(kv => stateDict.TryGetValue(kv.Key, out var source) && !source.Shape.SequenceEqual(kv.Value.Shape))
            .Select(kv => $"{kv.Key}: checkpoint {Tensor.FormatShape(stateDict[kv.Key].Shape)}, model {Tensor.FormatShape(kv.Value.Shape)}")
            .ToList();
        var problems = new List<string>();
        if (mismatched.Count > 0) problems.Add("shape mismatch for " + string.Join("; ", mismatched));
        if (strict && missing.Count > 0) problems.Add("missing keys " + string.Join(", ", missing));
        if (strict && unexpected.Count > 0) problems.Add("unexpected keys " + string.Join(", ", unexpected));
        if (problems.Count > 0)
            throw new InvalidOperationException($"Error loading state dict into {GetType().Name}: {string.Join(". ", problems)}. " +
                                                "Load a checkpoint saved from the same architecture, or pass strict: false to skip missing/unexpected keys.");
        using var noGrad = Torch.NoGrad();
        foreach (var (name, target) in own)
            if (stateDict.TryGetValue(name, out var source)) target.CopyFrom_(source);
        return new LoadResult(missing, unexpected);
    }

    /// <summary>Saves <see cref="StateDict"/> as a safetensors file (atomically).</summary>
    public void Save(string path, IReadOnlyDictionary<string, string>? metadata = null) => Safetensors.Save(path, StateDict(), metadata);

    /// <summary>Loads a safetensors file written by <see cref="Save"/> (or by PyTorch) into this module.</summary>
    public LoadResult Load(string path, bool strict = true)
    {
        var tensors = Safetensors.Load(path);
        try
        {
            return LoadStateDict(tensors, strict);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var (_, m) in modules) m.Dispose();
        foreach (var (_, t) in parameters.Concat(buffers)) t.Dispose();
        GC.SuppressFinalize(this);
    }

    public override string ToString() => $"{GetType().Name}({ParameterCount} parameters)";

    private IEnumerable<KeyValuePair<string, Tensor>> Walk(Func<Module, List<KeyValuePair<string, Tensor>>> select)
    {
        foreach (var (prefix, m) in NamedModules())
            foreach (var (name, t) in select(m))
                yield return new(prefix.Length == 0 ? name : $"{prefix}.{name}", t);
    }

    private static IEnumerable<KeyValuePair<string, Tensor>> Distinct(IEnumerable<KeyValuePair<string, Tensor>> items)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var item in items)
            if (seen.Add(item.Value)) yield return item;
    }

    private static void Set<T>(List<KeyValuePair<string, T>> list, string name, T value)
    {
        var index = list.FindIndex(kv => kv.Key == name);
        if (index >= 0) list[index] = new(name, value);
        else list.Add(new(name, value));
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"'{name}' is not a valid member name: use a non-empty name without dots", nameof(name));
    }
}

/// <summary>A module with one input and one output, called through <see cref="Forward"/>.</summary>
public abstract class Module<TIn, TOut> : Module
{
    public abstract TOut Forward(TIn input);
}

/// <summary>Keys <see cref="Module.LoadStateDict"/> skipped (only when not strict).</summary>
public sealed record LoadResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);
