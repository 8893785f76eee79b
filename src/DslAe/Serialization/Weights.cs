using static TorchSharp.torch;

namespace DslAe.Serialization;

/// <summary>Keys <see cref="Weights.LoadStateDict"/> skipped (only when not strict).</summary>
public sealed record LoadResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);

/// <summary>
/// A module's weights as safetensors files, by state_dict name ("Enc1.weight"), readable by PyTorch's
/// <c>safetensors.torch.load_file</c>. Loading checks every shape first: TorchSharp 0.107's <c>load_state_dict</c>
/// silently broadcasts a tensor of the wrong shape into a parameter (zeros(3, 3) into an 8x1x3x3 weight).
/// </summary>
public static class Weights
{
    /// <summary>Saves the module's state_dict (parameters and persistent buffers) atomically.</summary>
    public static void Save(nn.Module module, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        Safetensors.Save(path, module.state_dict(), metadata);

    /// <summary>Loads a safetensors file written by <see cref="Save"/> (or by PyTorch) into the module.</summary>
    public static LoadResult Load(nn.Module module, string path, bool strict = true)
    {
        var tensors = Safetensors.Load(path);
        try
        {
            return LoadStateDict(module, tensors, strict, path);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>
    /// Copies values from <paramref name="stateDict"/> into the module's tensors (converting dtype and device). A shape
    /// mismatch always fails; missing or unexpected keys fail when <paramref name="strict"/>. Nothing is copied when
    /// anything fails.
    /// </summary>
    public static LoadResult LoadStateDict(nn.Module module, IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true, string? source = null)
    {
        // A GLO model's code table is sized by its training data, so it is made here, to the saved table's shape.
        if (module is AutoencoderModule autoencoder) autoencoder.PrepareToLoad(stateDict);
        var own = module.state_dict();
        var missing = own.Keys.Where(k => !stateDict.ContainsKey(k)).ToList();
        var unexpected = stateDict.Keys.Where(k => !own.ContainsKey(k)).ToList();
        var mismatched = own.Where(kv => stateDict.TryGetValue(kv.Key, out var loaded) && !loaded.shape.SequenceEqual(kv.Value.shape))
            .Select(kv => $"{kv.Key}: file [{string.Join(", ", stateDict[kv.Key].shape)}], model [{string.Join(", ", kv.Value.shape)}]")
            .ToList();
        var problems = new List<string>();
        if (mismatched.Count > 0) problems.Add("shape mismatch for " + string.Join("; ", mismatched));
        if (strict && missing.Count > 0) problems.Add("missing keys " + string.Join(", ", missing));
        if (strict && unexpected.Count > 0) problems.Add("unexpected keys " + string.Join(", ", unexpected));
        if (problems.Count > 0)
            throw new InvalidDataException($"cannot load {(source is null ? "these weights" : source)} into {module.GetName()}: {string.Join(". ", problems)}. " +
                                           "Load weights saved from the same declaration (same stages, channels and kernels).");
        using var noGrad = no_grad();
        foreach (var (name, target) in own)
            if (stateDict.TryGetValue(name, out var loaded)) target.copy_(loaded);
        return new LoadResult(missing, unexpected);
    }
}
