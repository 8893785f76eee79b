using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DslAe.Reports;
using DslAe.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace DslAe.Training;

/// <summary>
/// One safetensors file holding everything a resume needs: the module's tensors ("model.*"), the optimiser's state
/// ("optimizer.state": TorchSharp's own serialisation of every parameter group and moment buffer, as bytes), and in
/// the metadata the <see cref="TrainingState"/> as JSON and a SHA-256 checksum of every tensor and of the state. The
/// learning rate needs no state of its own: it is a closed form of the epoch (<see cref="LearningRateSchedule"/>).
/// Written atomically (temporary file, flush to disk, rename), and the checkpoint it replaces is kept beside it
/// (<see cref="PreviousOf"/>), so a kill at any moment, or a checkpoint damaged later, leaves a good one to resume.
/// Every load verifies: a checkpoint that does not match its checksums, lacks a tensor, or holds a training state
/// that no run can reach is refused, naming the file, the problem and the previous checkpoint to fall back on.
/// </summary>
public static class Checkpoint
{
    /// <summary>The metadata key that marks a file as a DslAe training checkpoint.</summary>
    public const string FormatKey = "dslae.format";
    /// <summary>The value of <see cref="FormatKey"/> in checkpoints of this version; others cannot be resumed.</summary>
    public const string FormatValue = "dslae-checkpoint-3";
    // Every version's format value starts so: an older checkpoint is told apart from a file that is none.
    private const string FormatPrefix = "dslae-checkpoint-";
    private const string StateKey = "dslae.state";
    // A JSON object: tensor name -> SHA-256 (hex) of its dtype, shape and bytes; StateKey -> SHA-256 of the state's JSON.
    private const string ChecksumsKey = "dslae.sha256";
    private const string ModelPrefix = "model.";
    private const string OptimizerKey = "optimizer.state";

    // The best loss starts at +inf, which JSON has no literal for.
    private static readonly JsonSerializerOptions StateJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Where <see cref="Save"/> keeps the checkpoint it replaces: <c>last.safetensors</c> -> <c>last.previous.safetensors</c>.</summary>
    public static string PreviousOf(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + ".previous" + Path.GetExtension(path));

    /// <summary>
    /// Writes <paramref name="module"/>'s state, <paramref name="optimizer"/>'s state and <paramref name="state"/> to
    /// <paramref name="path"/>, atomically, with their checksums; the checkpoint replaced, if any, becomes <see cref="PreviousOf"/>.
    /// </summary>
    public static void Save(string path, nn.Module module, TorchSharp.Modules.OptimizerHelper optimizer, TrainingState state)
    {
        using var scope = NewDisposeScope();
        var optimizerState = OptimizerBytes(optimizer);
        var tensors = module.state_dict().Select(kv => new KeyValuePair<string, Tensor>(ModelPrefix + kv.Key, kv.Value))
            .Append(new KeyValuePair<string, Tensor>(OptimizerKey, optimizerState))
            .ToList();
        var stateJson = JsonSerializer.Serialize(state, StateJson);
        var checksums = tensors.ToDictionary(kv => kv.Key, kv => Digest(kv.Value));
        checksums[StateKey] = Digest(stateJson);
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = FormatValue,
            [StateKey] = stateJson,
            [ChecksumsKey] = JsonSerializer.Serialize(checksums),
        };
        Safetensors.Save(path, tensors, metadata, keepPreviousAs: PreviousOf(path));
    }

    /// <summary>Restores module and optimiser from <paramref name="path"/>, once it is verified, and returns the run's position.</summary>
    public static TrainingState Restore(string path, nn.Module module, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        var (tensors, metadata) = Read(path);
        try
        {
            var state = StateOf(path, metadata);
            VerifyTensors(path, tensors, metadata);
            Weights.LoadStateDict(module, Strip(tensors, ModelPrefix), strict: true, path);
            LoadOptimizer(path, optimizer, tensors[OptimizerKey]);
            return state;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>The run's position and settings stored in a checkpoint, verified, without loading any tensor.</summary>
    public static TrainingState ReadState(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        Dictionary<string, string> metadata;
        try
        {
            metadata = Safetensors.ReadMetadata(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message}. {FallBack(path)}", e);
        }
        return StateOf(path, metadata);
    }

    /// <summary>
    /// Checks a checkpoint completely (the file's format, the checksum of every tensor and of the state, the state's
    /// ranges, the optimiser's state present) without loading it into a module; returns its state or throws
    /// <see cref="InvalidDataException"/> saying what is wrong.
    /// </summary>
    public static TrainingState Verify(string path)
    {
        var (tensors, metadata) = Read(path);
        try
        {
            var state = StateOf(path, metadata);
            VerifyTensors(path, tensors, metadata);
            return state;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>
    /// The newest of <paramref name="path"/> and <see cref="PreviousOf"/> that verifies, or null: what a failed run
    /// may honestly call its last good checkpoint.
    /// </summary>
    public static string? LastGood(string path)
    {
        foreach (var candidate in new[] { path, PreviousOf(path) })
        {
            if (!File.Exists(candidate)) continue;
            try
            {
                Verify(candidate);
                return candidate;
            }
            catch (InvalidDataException)
            {
                // Damaged: try the older one.
            }
        }
        return null;
    }

    /// <summary>Loads only the model's weights from a checkpoint (verified) or from a plain weights file (as <c>export</c> writes).</summary>
    public static void LoadWeights(string path, nn.Module module)
    {
        var (tensors, metadata) = Read(path);
        try
        {
            var format = metadata.GetValueOrDefault(FormatKey);
            // Weights alone need no training state: a checkpoint of an earlier version still serves eval and export,
            // unverified as it was written.
            if (format == FormatValue) VerifyTensors(path, tensors, metadata);
            var isCheckpoint = format?.StartsWith(FormatPrefix, StringComparison.Ordinal) == true;
            Weights.LoadStateDict(module, isCheckpoint ? Strip(tensors, ModelPrefix) : tensors, strict: true, path);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>The <see cref="TrainingState"/> a checkpoint's metadata holds, checked against its checksum and against what a run can reach.</summary>
    private static TrainingState StateOf(string path, IReadOnlyDictionary<string, string> metadata)
    {
        var format = metadata.GetValueOrDefault(FormatKey);
        if (format is not null && format != FormatValue && format.StartsWith(FormatPrefix, StringComparison.Ordinal))
            throw new InvalidDataException($"{path} is a checkpoint of format \"{format}\", written by another version of DslAe; this one resumes only \"{FormatValue}\" " +
                                           "(checkpoints with checksums). Start a new run without --resume; the old checkpoint's weights still load with eval and export --checkpoint.");
        if (format != FormatValue || !metadata.TryGetValue(StateKey, out var stateJson))
            throw new InvalidDataException($"{path} is not a DslAe training checkpoint of this version (no \"{FormatKey}\": \"{FormatValue}\" metadata); --resume needs a run folder or its checkpoints/last.safetensors");
        TrainingState? state;
        JsonElement raw;
        try
        {
            state = JsonSerializer.Deserialize<TrainingState>(stateJson, StateJson);
            raw = JsonDocument.Parse(stateJson).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"the training state in its metadata is not valid JSON ({e.Message})");
        }
        if (state is null || raw.ValueKind != JsonValueKind.Object) throw Corrupt(path, "the training state in its metadata is empty");
        var checksums = Checksums(path, metadata);
        if (!checksums.TryGetValue(StateKey, out var expected))
            throw Corrupt(path, $"its checksums list no \"{StateKey}\"");
        if (Digest(stateJson) != expected)
            throw Corrupt(path, "the training state in its metadata does not match its SHA-256 checksum (damaged, or edited by hand)");
        var problems = StateProblems(state, raw);
        if (problems.Count > 0) throw Corrupt(path, $"its training state is one no run can reach: {string.Join("; ", problems)}");
        return state;
    }

    /// <summary>
    /// What is out of range or inconsistent in a state: every epoch runs all its batches, so the position, the
    /// samples of the epoch in progress and the early-stopping counters follow from each other.
    /// </summary>
    private static List<string> StateProblems(TrainingState s, JsonElement raw)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(s.Model)) problems.Add("Model is empty");
        if (s.BatchSize <= 0) problems.Add($"BatchSize {s.BatchSize} is not positive");
        if (s.TrainCount <= 0) problems.Add($"TrainCount {s.TrainCount} is not positive");
        if (!Enum.GetNames<OptimizerKind>().Contains(s.Optimizer)) problems.Add($"Optimizer \"{s.Optimizer}\" is none of {string.Join(", ", Enum.GetNames<OptimizerKind>())}");
        if (!Enum.GetNames<Schedule>().Contains(s.Schedule)) problems.Add($"Schedule \"{s.Schedule}\" is none of {string.Join(", ", Enum.GetNames<Schedule>())}");
        if (s.Limit is <= 0) problems.Add($"Limit {s.Limit} is not positive");
        if (s.HoldoutClass is < 0 or > 9) problems.Add($"HoldoutClass {s.HoldoutClass} is not a Fashion-MNIST class (0-9)");
        if (s.IntraOpThreads is < 1 or > IntraOpThreads.Max) problems.Add($"IntraOpThreads {s.IntraOpThreads} is not between 1 and {IntraOpThreads.Max}");
        if (s.Epoch < 0) problems.Add($"Epoch {s.Epoch} is negative");
        if (s.BatchInEpoch < 0) problems.Add($"BatchInEpoch {s.BatchInEpoch} is negative");
        if (s.GlobalStep < 0) problems.Add($"GlobalStep {s.GlobalStep} is negative");
        if (s.EpochSamples < 0) problems.Add($"EpochSamples {s.EpochSamples} is negative");
        if (problems.Count == 0)
        {
            var stepsPerEpoch = (s.TrainCount - 1) / s.BatchSize + 1;
            if (s.BatchInEpoch > stepsPerEpoch)
                problems.Add($"BatchInEpoch {s.BatchInEpoch} exceeds the {stepsPerEpoch} batches of an epoch of {s.TrainCount} images in batches of {s.BatchSize}");
            else
            {
                try
                {
                    var step = checked(s.Epoch * stepsPerEpoch + s.BatchInEpoch);
                    if (s.GlobalStep != step)
                        problems.Add($"GlobalStep {s.GlobalStep} is not Epoch {s.Epoch} x {stepsPerEpoch} batches + BatchInEpoch {s.BatchInEpoch} = {step}");
                    var samples = Math.Min(checked(s.BatchInEpoch * s.BatchSize), s.TrainCount);
                    if (s.EpochSamples != samples)
                        problems.Add($"EpochSamples {s.EpochSamples} is not the {samples} images of {s.BatchInEpoch} batches");
                }
                catch (OverflowException)
                {
                    problems.Add($"Epoch {s.Epoch} x {stepsPerEpoch} batches overflows a step count");
                }
            }
        }
        if (!double.IsFinite(s.EpochLossSum)) problems.Add($"EpochLossSum {s.EpochLossSum} is not finite");
        if (s.EpochTermSums is null) problems.Add("EpochTermSums is missing");
        else foreach (var (term, sum) in s.EpochTermSums.Where(kv => !double.IsFinite(kv.Value))) problems.Add($"EpochTermSums.{term} {sum} is not finite");
        if (s.BestEpoch < 0 || s.BestEpoch > s.Epoch) problems.Add($"BestEpoch {s.BestEpoch} is not between 0 and Epoch {s.Epoch}");
        else if (s.BestEpoch == 0 ? s.BestValidationLoss != double.PositiveInfinity : !double.IsFinite(s.BestValidationLoss))
            problems.Add($"BestValidationLoss {s.BestValidationLoss} does not fit BestEpoch {s.BestEpoch} (infinite while there is no best epoch, finite after)");
        else if (s.EpochsWithoutImprovement != s.Epoch - s.BestEpoch)
            problems.Add($"EpochsWithoutImprovement {s.EpochsWithoutImprovement} is not Epoch {s.Epoch} - BestEpoch {s.BestEpoch}");
        // Read from the JSON: stored since the learning rate and epochs may change on resume, absent in older states.
        if (raw.TryGetProperty("LearningRate", out var lr) && lr.ValueKind != JsonValueKind.Null
            && !(lr.ValueKind == JsonValueKind.Number && lr.GetDouble() is var rate && double.IsFinite(rate) && rate > 0))
            problems.Add($"LearningRate {lr.GetRawText()} is not a finite positive number");
        if (raw.TryGetProperty("Epochs", out var epochs) && epochs.ValueKind != JsonValueKind.Null
            && !(epochs.ValueKind == JsonValueKind.Number && epochs.TryGetInt32(out var count) && count > 0 && count >= s.Epoch))
            problems.Add($"Epochs {epochs.GetRawText()} is not a positive count of at least Epoch {s.Epoch}");
        return problems;
    }

    /// <summary>Every tensor the checksums list is present and matches, none is unlisted, and the optimiser's state is there.</summary>
    private static void VerifyTensors(string path, Dictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var checksums = Checksums(path, metadata);
        var listed = checksums.Keys.Where(k => k != StateKey).ToHashSet(StringComparer.Ordinal);
        if (!listed.Contains(OptimizerKey) || !tensors.ContainsKey(OptimizerKey))
            throw Corrupt(path, $"it holds no optimiser state (\"{OptimizerKey}\"), without which a run cannot resume exactly");
        var missing = listed.Where(name => !tensors.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0) throw Corrupt(path, $"it lacks the tensor{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}, listed in its checksums");
        var unlisted = tensors.Keys.Where(name => !listed.Contains(name)).Order(StringComparer.Ordinal).ToList();
        if (unlisted.Count > 0) throw Corrupt(path, $"it holds the tensor{(unlisted.Count == 1 ? "" : "s")} {string.Join(", ", unlisted)}, not in its checksums");
        var damaged = listed.Where(name => Digest(tensors[name]) != checksums[name]).Order(StringComparer.Ordinal).ToList();
        if (damaged.Count > 0)
            throw Corrupt(path, $"the tensor{(damaged.Count == 1 ? "" : "s")} {string.Join(", ", damaged)} {(damaged.Count == 1 ? "does" : "do")} not match {(damaged.Count == 1 ? "its" : "their")} SHA-256 checksum (a damaged disk or copy)");
    }

    private static Dictionary<string, string> Checksums(string path, IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(ChecksumsKey, out var json)) throw Corrupt(path, $"its metadata has no checksums (\"{ChecksumsKey}\")");
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"its checksums (\"{ChecksumsKey}\") are not a JSON object of strings ({e.Message})");
        }
    }

    /// <summary>SHA-256 of a tensor's dtype, shape and bytes (so that a reshaped or retyped tensor does not match either).</summary>
    private static string Digest(Tensor t)
    {
        using var scope = NewDisposeScope();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{t.dtype}[{string.Join(",", t.shape)}]\n"));
        var cpu = t.detach().cpu().contiguous();
        if (cpu.numel() > 0) hash.AppendData(cpu.bytes);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A damaged checkpoint: the error says what is wrong and what to resume from instead.</summary>
    private static InvalidDataException Corrupt(string path, string what) => new($"checkpoint {path} is corrupt: {what}. {FallBack(path)}");

    /// <summary>The way out of a damaged checkpoint: its previous one, when that verifies, and the commands to resume from it.</summary>
    private static string FallBack(string path)
    {
        var previous = PreviousOf(path);
        if (!File.Exists(previous)) return "No previous checkpoint is kept beside it; start a new run without --resume.";
        try
        {
            var state = Verify(previous);
            return string.Create(CultureInfo.InvariantCulture,
                $"The previous checkpoint {previous} (step {state.GlobalStep}, {Counts.Of(state.Epoch, "epoch")} done) is intact; to resume from it, " +
                $"move the damaged one aside and rename the previous one: mv \"{path}\" \"{path}.corrupt\"; mv \"{previous}\" \"{path}\"");
        }
        catch (InvalidDataException e)
        {
            // Verify's own message ends with a fall-back of its own (none kept beside the previous one): cut it off.
            var reason = e.Message.Split(". No previous checkpoint", 2)[0];
            return $"The previous checkpoint {previous} is damaged too ({reason}); start a new run without --resume.";
        }
    }

    // One serialisation buffer per optimiser, reused by every save: the state is megabytes, so a fresh MemoryStream
    // (grown by doubling, then copied by ToArray) left that much large-object garbage per checkpoint, which the GC
    // leaves uncollected for a long time on a machine with plenty of memory (issue 15: RSS +8.7 MiB per epoch).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TorchSharp.Modules.OptimizerHelper, MemoryStream> OptimizerBuffers = new();

    private static Tensor OptimizerBytes(TorchSharp.Modules.OptimizerHelper optimizer)
    {
        var stream = OptimizerBuffers.GetValue(optimizer, static _ => new MemoryStream());
        stream.SetLength(0);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
        var bytes = empty(stream.Length, ScalarType.Byte);
        if (stream.Length > 0) stream.GetBuffer().AsSpan(0, (int)stream.Length).CopyTo(bytes.bytes);
        return bytes;
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
        var lr = OptimizerFactory.LearningRate(optimizer);
        if (!double.IsFinite(lr) || lr <= 0) throw Corrupt(path, $"its optimiser state holds the learning rate {lr}, not a finite positive number");
    }

    private static (Dictionary<string, Tensor>, Dictionary<string, string>) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        try
        {
            return Safetensors.LoadWithMetadata(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message}. {FallBack(path)}", e);
        }
    }

    private static Dictionary<string, T> Strip<T>(Dictionary<string, T> items, string prefix) =>
        items.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
}
