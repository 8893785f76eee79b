using System.Text.Json;
using DslAe.Torch;
using DslAe.Torch.Nn;
using DslAe.Torch.Optim;

namespace DslAe.Training;

/// <summary>
/// One safetensors file holding everything a resume needs: the module's tensors ("model.*"), the optimiser's
/// state tensors ("optimizer.*"), and in the metadata the optimiser's settings, the schedule's state and the
/// <see cref="TrainingState"/> (as JSON). Written atomically (temporary file, flush to disk, rename), so a kill
/// at any moment leaves the previous checkpoint intact.
/// </summary>
public static class Checkpoint
{
    public const string FormatKey = "dslae.format";
    public const string FormatValue = "dslae-checkpoint-1";
    private const string StateKey = "dslae.state";
    private const string ModelPrefix = "model.";
    private const string OptimizerPrefix = "optimizer.";
    private const string SchedulerPrefix = "scheduler.";

    // The best loss starts at +inf, which JSON has no literal for.
    private static readonly JsonSerializerOptions StateJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Save(string path, Module module, Optimizer optimizer, LrScheduler? scheduler, TrainingState state)
    {
        using var optimizerState = optimizer.StateDict();
        var tensors = module.StateDict().Select(kv => new KeyValuePair<string, Tensor>(ModelPrefix + kv.Key, kv.Value))
            .Concat(optimizerState.Tensors.Select(kv => new KeyValuePair<string, Tensor>(OptimizerPrefix + kv.Key, kv.Value)));
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = FormatValue,
            [StateKey] = JsonSerializer.Serialize(state, StateJson),
        };
        foreach (var (k, v) in optimizerState.Metadata) metadata[OptimizerPrefix + k] = v;
        if (scheduler is not null)
            foreach (var (k, v) in scheduler.StateDict()) metadata[SchedulerPrefix + k] = v;
        Safetensors.Save(path, tensors, metadata);
    }

    /// <summary>Restores module, optimiser and schedule from <paramref name="path"/> and returns the run's position.</summary>
    public static TrainingState Restore(string path, Module module, Optimizer optimizer, LrScheduler? scheduler)
    {
        var (tensors, metadata) = Read(path);
        try
        {
            if (metadata.GetValueOrDefault(FormatKey) != FormatValue || !metadata.TryGetValue(StateKey, out var stateJson))
                throw new InvalidDataException($"{path} is not a DslAe training checkpoint (no \"{FormatKey}\": \"{FormatValue}\" metadata); --resume needs a run folder or its checkpoints/last.safetensors");
            module.LoadStateDict(Strip(tensors, ModelPrefix));
            using (var optimizerState = new OptimizerState(Strip(tensors, OptimizerPrefix), Strip(metadata, OptimizerPrefix)))
                optimizer.LoadStateDict(optimizerState);
            var schedulerState = Strip(metadata, SchedulerPrefix);
            if (scheduler is not null && schedulerState.Count > 0) scheduler.LoadStateDict(schedulerState);
            else if ((scheduler is null) != (schedulerState.Count == 0))
                throw new InvalidOperationException($"cannot resume from {path}: it was trained {(schedulerState.Count == 0 ? "without" : "with")} a learning-rate schedule and this run is {(scheduler is null ? "without" : "with")} one");
            return JsonSerializer.Deserialize<TrainingState>(stateJson, StateJson)
                ?? throw new InvalidDataException($"{path}: the training state in the metadata is empty");
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>Loads only the model's weights from a checkpoint or from a plain weights file (as <c>export</c> writes).</summary>
    public static void LoadWeights(string path, Module module)
    {
        var (tensors, metadata) = Read(path);
        try
        {
            module.LoadStateDict(metadata.GetValueOrDefault(FormatKey) == FormatValue ? Strip(tensors, ModelPrefix) : tensors);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
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
