using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DslAe.Data;
using DslAe.Reports;
using DslAe.Serialization;
using DslAe.Training;
using static TorchSharp.torch;

namespace DslAe.Tests;

/// <summary>
/// Checkpoints are verified before a run resumes from them: a bit flip in a tensor, a training state edited out of
/// range, a missing optimiser state or an old format is an error naming the file and what is wrong, and the previous
/// checkpoint, kept beside the last, is offered with the commands that resume from it. Synthetic images, so these run
/// without Fashion-MNIST.
/// </summary>
[Collection(SerialFileTests.Name)]
public sealed class CheckpointIntegrityTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Seeded random images in [0, 1]: 320 to train (10 batches of TinyAe's 32), 32 to validate.</summary>
    private static DataSplit Synthetic(int train = 320, int validation = 32)
    {
        var generator = new Generator(1234);
        using var images = rand([train + validation, 1, 28, 28], generator: generator);
        return new DataSplit(ImageDataset.FromTensor(images.narrow(0, 0, train)), ImageDataset.FromTensor(images.narrow(0, train, validation)), null);
    }

    /// <summary>A TinyAe run stopped after <paramref name="steps"/> steps: its checkpoint and, when it saved twice, the previous one.</summary>
    private string StoppedRun(long steps, string name = "run")
    {
        var model = TinyAe.Definition;
        using var data = Synthetic();
        using var trainer = new Trainer(model, model.Training, new TrainerOptions { Device = "cpu", RunFolder = folder.File(name), StopAfterStep = steps });
        Assert.False(trainer.Fit(data).Finished);
        return new RunFolder(folder.File(name)).LastCheckpoint;
    }

    private TrainingResult Resume(string name = "run")
    {
        var model = TinyAe.Definition;
        using var data = Synthetic();
        using var trainer = new Trainer(model, model.Training, new TrainerOptions { Device = "cpu", RunFolder = folder.File(name), Resume = true });
        return trainer.Fit(data);
    }

    private InvalidDataException ResumeFails(string name = "run") => Assert.Throws<InvalidDataException>(() => Resume(name));

    [Fact]
    public void A_save_keeps_the_checkpoint_it_replaces_and_a_resume_is_still_bit_exact()
    {
        // 160 images of 16: 10 steps per epoch; stopped at 15, after the checkpoint of epoch 1's end (step 10).
        var model = TinyDenoiser.Definition;
        using var data = Synthetic(160, 32);
        using var straight = new Trainer(model, model.Training, new TrainerOptions { Device = "cpu", Threads = 1, RunFolder = folder.File("straight") });
        var full = straight.Fit(data);
        using (var first = new Trainer(model, model.Training, new TrainerOptions { Device = "cpu", Threads = 1, RunFolder = folder.File("resumed"), StopAfterStep = 15 }))
            first.Fit(data);

        var last = new RunFolder(folder.File("resumed")).LastCheckpoint;
        var previous = Checkpoint.PreviousOf(last);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(last)!, "last.previous.safetensors"), previous);
        Assert.Equal(15, Checkpoint.Verify(last).GlobalStep);
        Assert.Equal(10, Checkpoint.Verify(previous).GlobalStep);

        using var second = new Trainer(model, model.Training, new TrainerOptions { Device = "cpu", RunFolder = folder.File("resumed"), Resume = true });
        var resumed = second.Fit(data);
        Assert.True(resumed.Finished);
        Assert.Equal(full.Steps, resumed.Steps);
        foreach (var (name, expected) in straight.Module.state_dict())
            Assert.True(expected.data<float>().ToArray().SequenceEqual(second.Module.state_dict()[name].data<float>().ToArray()), $"{name} differs after the resume");
        // The last two saves, at the ends of epochs 2 and 3.
        Assert.Equal(30, Checkpoint.Verify(last).GlobalStep);
        Assert.Equal(20, Checkpoint.Verify(previous).GlobalStep);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(last)!, "*.tmp"));
    }

    [Fact]
    public void A_bit_flip_in_tensor_data_is_refused_naming_the_file_and_the_tensor_and_the_previous_checkpoint_resumes()
    {
        var last = StoppedRun(15);
        var previous = Checkpoint.PreviousOf(last);
        var bytes = File.ReadAllBytes(last);
        var dataStart = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        bytes[dataStart + 5] ^= 0x10;   // inside the first tensor's data: the file is still valid safetensors
        File.WriteAllBytes(last, bytes);

        var e = ResumeFails();
        Assert.Contains($"checkpoint {last} is corrupt", e.Message);
        Assert.Contains("does not match its SHA-256 checksum", e.Message);
        Assert.Contains("model.", e.Message);
        Assert.Contains($"The previous checkpoint {previous} (step 10, 1 epoch done) is intact", e.Message);
        Assert.Contains($"mv \"{last}\" \"{last}.corrupt\"; mv \"{previous}\" \"{last}\"", e.Message);
        // The same refusal without a module: ReadState passes (the state is intact), Verify and LoadWeights do not.
        Assert.Equal(15, Checkpoint.ReadState(last).GlobalStep);
        Assert.Contains("SHA-256", Assert.Throws<InvalidDataException>(() => Checkpoint.Verify(last)).Message);
        using (var module = TinyAe.Definition.CreateModule())
            Assert.Contains(last, Assert.Throws<InvalidDataException>(() => Checkpoint.LoadWeights(last, module)).Message);
        Assert.Equal(previous, Checkpoint.LastGood(last));

        // Doing what the message says resumes the run from step 10 to its end.
        File.Move(last, last + ".corrupt");
        File.Move(previous, last);
        var result = Resume();
        Assert.True(result.Finished);
        Assert.Equal(20, result.Steps);
    }

    [Fact]
    public async Task On_the_command_line_a_damaged_checkpoint_is_one_error_line_with_the_commands_to_resume_from_the_previous()
    {
        var last = StoppedRun(15);
        var previous = Checkpoint.PreviousOf(last);
        Flip(last, fromEnd: 3);
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await DslAe.Cli.DslAeApp.RunAsync(["train", "--model", "TinyAe", "--device", "cpu", "--resume", folder.File("run")], output, error);
        Assert.True(code == 1, $"exit code {code}: {error}");
        var line = Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.StartsWith($"error: checkpoint {last} is corrupt: the tensor optimizer.state does not match its SHA-256 checksum", line);
        Assert.EndsWith($"mv \"{last}\" \"{last}.corrupt\"; mv \"{previous}\" \"{last}\"", line);
    }

    public static TheoryData<string, string> StateEdits => new()
    {
        { "Epoch=-1", "Epoch -1 is negative" },
        { "GlobalStep=16", "GlobalStep 16 is not Epoch 1 x 10 batches + BatchInEpoch 5 = 15" },
        { "BatchInEpoch=11", "BatchInEpoch 11 exceeds the 10 batches" },
        { "BatchInEpoch=-3", "BatchInEpoch -3 is negative" },
        { "EpochSamples=999", "EpochSamples 999 is not the 160 images of 5 batches" },
        { "BatchSize=0", "BatchSize 0 is not positive" },
        { "TrainCount=0", "TrainCount 0 is not positive" },
        { "EpochLossSum=NaN", "EpochLossSum NaN is not finite" },
        { "BestEpoch=5", "BestEpoch 5 is not between 0 and Epoch 1" },
        { "EpochsWithoutImprovement=4", "EpochsWithoutImprovement 4 is not Epoch 1 - BestEpoch 1" },
        { "Optimizer=Lion", "Optimizer \"Lion\" is none of Adam, AdamW, Sgd" },
        { "LearningRate=-1", "LearningRate -1 is not a finite positive number" },
    };

    [Theory]
    [MemberData(nameof(StateEdits))]
    public void A_training_state_edited_out_of_range_is_refused_even_with_its_checksum_updated(string edit, string expected)
    {
        var last = StoppedRun(15);
        var (key, value) = (edit.Split('=')[0], edit.Split('=')[1]);
        Rewrite(last, (_, metadata) =>
        {
            var state = JsonNode.Parse(metadata["dslae.state"])!.AsObject();
            state[key] = value switch { "NaN" or "Lion" => JsonValue.Create(value), _ => JsonValue.Create(double.Parse(value)) };
            metadata["dslae.state"] = state.ToJsonString();
            var checksums = JsonNode.Parse(metadata["dslae.sha256"])!.AsObject();
            checksums["dslae.state"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(metadata["dslae.state"])));
            metadata["dslae.sha256"] = checksums.ToJsonString();
        });
        var e = ResumeFails();
        Assert.Contains($"checkpoint {last} is corrupt: its training state is one no run can reach", e.Message);
        Assert.Contains(expected, e.Message);
        // The command line reads the state first: the same error there.
        Assert.Contains(expected, Assert.Throws<InvalidDataException>(() => Checkpoint.ReadState(last)).Message);
    }

    [Fact]
    public void A_training_state_edited_in_range_does_not_match_its_checksum()
    {
        var last = StoppedRun(15);
        Rewrite(last, (_, metadata) => metadata["dslae.state"] = metadata["dslae.state"].Replace("\"Seed\":7", "\"Seed\":8"));
        var e = ResumeFails();
        Assert.Contains($"checkpoint {last} is corrupt: the training state in its metadata does not match its SHA-256 checksum", e.Message);
        Assert.Contains("is intact; to resume from it", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_missing_optimizer_state_is_refused(bool alsoFromTheChecksums)
    {
        var last = StoppedRun(15);
        Rewrite(last, (tensors, metadata) =>
        {
            tensors.Remove("optimizer.state");
            if (!alsoFromTheChecksums) return;
            var checksums = JsonNode.Parse(metadata["dslae.sha256"])!.AsObject();
            checksums.Remove("optimizer.state");
            metadata["dslae.sha256"] = checksums.ToJsonString();
        });
        var e = ResumeFails();
        Assert.Contains($"checkpoint {last} is corrupt: it holds no optimiser state (\"optimizer.state\")", e.Message);
    }

    [Fact]
    public void A_missing_model_tensor_is_refused_naming_it()
    {
        var last = StoppedRun(15);
        string? removed = null;
        Rewrite(last, (tensors, _) =>
        {
            removed = tensors.Keys.First(k => k.StartsWith("model.", StringComparison.Ordinal));
            tensors.Remove(removed);
        });
        var e = ResumeFails();
        Assert.Contains($"checkpoint {last} is corrupt: it lacks the tensor {removed}", e.Message);
    }

    [Fact]
    public void A_checkpoint_without_checksums_or_of_the_old_format_is_refused_with_the_reason()
    {
        var last = StoppedRun(5);
        Rewrite(last, (_, metadata) => metadata.Remove("dslae.sha256"));
        Assert.Contains("its metadata has no checksums", ResumeFails().Message);

        Rewrite(last, (_, metadata) => metadata["dslae.format"] = "dslae-checkpoint-2");
        var e = ResumeFails();
        Assert.Contains("checkpoint of format \"dslae-checkpoint-2\", written by another version of DslAe", e.Message);
        Assert.Contains("Start a new run without --resume", e.Message);
        // Its weights still serve eval and export.
        using var module = TinyAe.Definition.CreateModule();
        Checkpoint.LoadWeights(last, module);
    }

    [Fact]
    public void Without_a_previous_checkpoint_the_error_says_to_start_again_and_with_a_damaged_one_says_so()
    {
        var last = StoppedRun(5);   // one save only: no previous checkpoint
        Assert.False(File.Exists(Checkpoint.PreviousOf(last)));
        Flip(last, fromEnd: 3);     // inside optimizer.state, the last tensor
        var e = ResumeFails();
        Assert.Contains("the tensor optimizer.state does not match its SHA-256 checksum", e.Message);
        Assert.Contains("No previous checkpoint is kept beside it; start a new run without --resume.", e.Message);
        Assert.Null(Checkpoint.LastGood(last));

        var other = StoppedRun(15, "second");
        var previous = Checkpoint.PreviousOf(other);
        Flip(other, fromEnd: 3);
        Flip(previous, fromEnd: 3);
        e = ResumeFails("second");
        Assert.Contains($"The previous checkpoint {previous} is damaged too (checkpoint {previous} is corrupt: the tensor optimizer.state", e.Message);
        Assert.EndsWith("start a new run without --resume.", e.Message);
    }

    [Fact]
    public void A_truncated_checkpoint_is_refused_by_the_safetensors_reader_with_the_fall_back()
    {
        var last = StoppedRun(15);
        var bytes = File.ReadAllBytes(last);
        File.WriteAllBytes(last, bytes[..^100]);
        var e = ResumeFails();
        Assert.Contains($"corrupt safetensors file '{last}'", e.Message);
        Assert.Contains("(step 10, 1 epoch done) is intact", e.Message);
    }

    private static void Flip(string path, int fromEnd)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[^fromEnd] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Rewrites a checkpoint with edited tensors or metadata: a valid safetensors file, as a tool or a person might leave it.</summary>
    private static void Rewrite(string path, Action<Dictionary<string, Tensor>, Dictionary<string, string>> edit)
    {
        var (tensors, metadata) = Safetensors.LoadWithMetadata(path);
        try
        {
            edit(tensors, metadata);
            Safetensors.Save(path, tensors, metadata);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }
}

/// <summary>
/// Tests that train or write many files run alone, after the parallel ones: MemoryTests measures the whole process's
/// resident memory, which their allocations running beside it would inflate.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialFileTests
{
    public const string Name = "serial file tests";
}
