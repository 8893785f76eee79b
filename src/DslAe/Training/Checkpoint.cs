using System.Text.Json;
using DslAe.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace DslAe.Training;

/// <summary>
/// One safetensors file holding everything a resume needs: the module's tensors ("model.*"), the optimiser's state
/// ("optimizer.state": TorchSharp's own serialisation of every parameter group and moment buffer, as bytes), and in
/// the metadata the <see cref="TrainingState"/> as JSON. The learning rate needs no state of its own: it is a closed
/// form of the epoch (<see cref="LearningRateSchedule"/>). Written atomically (temporary file, flush to disk, rename),
/// so a kill at any moment leaves the previous checkpoint intact.
/// </summary>
public static class Checkpoint
{
    /// <summary>The metadata key that marks a file as a DslAe training checkpoint.</summary>
    public const string FormatKey = "dslae.format";
    /// <summary>The value of <see cref="FormatKey"/> in checkpoints of this version; others cannot be resumed.</summary>
    public const string FormatValue = "dslae-checkpoint-2";
    private const string StateKey = "dslae.state";
    private const string ModelPrefix = "model.";
    private const string OptimizerKey = "optimizer.state";

    // The best loss starts at +inf, which JSON has no literal for.
    private static readonly JsonSerializerOptions StateJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes <paramref name="module"/>'s state, <paramref name="optimizer"/>'s state and <paramref name="state"/> to <paramref name="path"/>, atomically.</summary>
    public static void Save(string path, nn.Module module, TorchSharp.Modules.OptimizerHelper optimizer, TrainingState state)
    {
        using var optimizerState = OptimizerBytes(optimizer);
        var tensors = module.state_dict().Select(kv => new KeyValuePair<string, Tensor>(ModelPrefix + kv.Key, kv.Value))
            .Append(new KeyValuePair<string, Tensor>(OptimizerKey, optimizerState));
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = FormatValue,
            [StateKey] = JsonSerializer.Serialize(state, StateJson),
        };
        Safetensors.Save(path, tensors, metadata);
    }

    /// <summary>Restores module and optimiser from <paramref name="path"/> and returns the run's position.</summary>
    public static TrainingState Restore(string path, nn.Module module, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        var (tensors, metadata) = Read(path);
        try
        {
            var state = StateOf(path, metadata);
            Weights.LoadStateDict(module, Strip(tensors, ModelPrefix), strict: true, path);
            if (!tensors.TryGetValue(OptimizerKey, out var optimizerState))
                throw new InvalidDataException($"{path} holds no optimiser state (\"{OptimizerKey}\"); it cannot resume a run exactly");
            LoadOptimizer(path, optimizer, optimizerState);
            return state;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>The run's position and settings stored in a checkpoint, without loading any tensor.</summary>
    public static TrainingState ReadState(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        return StateOf(path, Safetensors.ReadMetadata(path));
    }

    /// <summary>The <see cref="TrainingState"/> a checkpoint's metadata holds, or an error saying the file is no checkpoint of this version.</summary>
    private static TrainingState StateOf(string path, IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.GetValueOrDefault(FormatKey) != FormatValue || !metadata.TryGetValue(StateKey, out var stateJson))
            throw new InvalidDataException($"{path} is not a DslAe training checkpoint of this version (no \"{FormatKey}\": \"{FormatValue}\" metadata); --resume needs a run folder or its checkpoints/last.safetensors");
        return JsonSerializer.Deserialize<TrainingState>(stateJson, StateJson)
            ?? throw new InvalidDataException($"{path}: the training state in the metadata is empty");
    }

    /// <summary>Loads only the model's weights from a checkpoint or from a plain weights file (as <c>export</c> writes).</summary>
    public static void LoadWeights(string path, nn.Module module)
    {
        var (tensors, metadata) = Read(path);
        try
        {
            var isCheckpoint = metadata.GetValueOrDefault(FormatKey) == FormatValue;
            Weights.LoadStateDict(module, isCheckpoint ? Strip(tensors, ModelPrefix) : tensors, strict: true, path);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    private static Tensor OptimizerBytes(TorchSharp.Modules.OptimizerHelper optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
        return tensor(stream.ToArray(), ScalarType.Byte);
    }

    private static void LoadOptimizer(string path, TorchSharp.Modules.OptimizerHelper optimizer, Tensor bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes.bytes.ToArray());
            using var reader = new BinaryReader(stream);
            optimizer.load_state_dict(reader);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"cannot resume from {path}: its optimiser state does not fit this run's optimiser ({e.Message}). Resume with the run's original optimiser, or start a new run without --resume.", e);
        }
    }

    private static (Dictionary<string, Tensor>, Dictionary<string, string>) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        return Safetensors.LoadWithMetadata(path);
    }

    private static Dictionary<string, T> Strip<T>(Dictionary<string, T> items, string prefix) =>
        items.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
}
