using DslAe.Data;
using DslAe.Reports;
using DslAe.Training;
using static TorchSharp.torch;

namespace DslAe.Tests;

/// <summary>Pre-train, then fine-tune: the classifier on a trained encoder against the same one from random weights, on real labels.</summary>
public class FineTuneTests
{
    private static readonly TargetDescription Labels = new(TargetKind.Labels, [10]);

    [Fact]
    public void The_labelled_images_are_a_seeded_choice_of_the_declared_count()
    {
        var first = FineTuner.ChooseLabelled(1000, 100, seed: 3);
        Assert.Equal(100, first.Length);
        Assert.Equal(100, first.Distinct().Count());
        Assert.All(first, index => Assert.InRange(index, 0, 999));
        Assert.Equal(first, FineTuner.ChooseLabelled(1000, 100, seed: 3));
        Assert.NotEqual(first, FineTuner.ChooseLabelled(1000, 100, seed: 4));
        Assert.Equal(1000, FineTuner.ChooseLabelled(1000, null, seed: 3).Length);
        Assert.Equal(1000, FineTuner.ChooseLabelled(1000, 5000, seed: 3).Length);
    }

    [Fact]
    public void A_pretrained_frozen_encoder_beats_a_random_one_with_100_labels_and_repeats_exactly()
    {
        using var folder = new TempFolder();
        var model = TinyPretrained.Definition;
        using var run = new SmallRun(model, folder, train: 4000, test: 1000);
        run.Fit();
        var trainer = run.Trainer;
        using var labelled = DataSources.Load(run.Settings, model.InputShape, model.Name, target: Labels);
        var before = trainer.Module.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());

        var result = FineTuner.Run(model, trainer.Module, labelled.Train, labelled.Test!, labels: null, seed: 5, batchSize: 32, trainer.Device);

        Assert.Equal(100, result.Labels);
        Assert.Equal(1000, result.TestImages);
        Assert.True(result.Random.Accuracy > 0.12, $"random-initialised probe {result.Random.Accuracy}");   // above chance (0.1)
        Assert.True(result.Pretrained.Accuracy > result.Random.Accuracy + 0.2, result.Describe());
        var again = FineTuner.Run(model, trainer.Module, labelled.Train, labelled.Test!, labels: null, seed: 5, batchSize: 32, trainer.Device);
        Assert.Equal(result.Pretrained, again.Pretrained);
        Assert.Equal(result.Random, again.Random);
        // The autoencoder's own weights are only read.
        foreach (var (name, value) in trainer.Module.state_dict())
            Assert.True(value.equal(before[name]).all().item<bool>(), name);
        foreach (var tensor in before.Values) tensor.Dispose();
    }

    [Fact]
    public void An_unfrozen_fine_tune_trains_the_encoder_on_a_copy_and_leaves_the_autoencoder_as_trained()
    {
        using var folder = new TempFolder();
        SmallFashionMnist.Write(folder.File("data"), train: 600, test: 200);
        var model = TinyFineTuned.Definition;
        var settings = model.Training with { DataPath = folder.File("data") };
        using var labelled = DataSources.Load(settings, model.InputShape, model.Name, target: Labels);
        using var module = model.CreateModule();
        var before = module.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());

        var result = FineTuner.Run(model, module, labelled.Train, labelled.Test!, labels: 300, seed: 1, batchSize: 32, CPU);

        Assert.Equal(300, result.Labels);
        Assert.True(result.Pretrained.Accuracy > 0.3 && result.Random.Accuracy > 0.3, result.Describe());
        Assert.True(result.Pretrained.FinalLoss < Math.Log(10), result.Describe());
        foreach (var (name, value) in module.state_dict())
            Assert.True(value.equal(before[name]).all().item<bool>(), name);
        foreach (var tensor in before.Values) tensor.Dispose();
    }

    [Fact]
    public async Task Train_with_labels_pretrains_then_fine_tunes_and_writes_both_accuracies()
    {
        using var folder = new TempFolder();
        SmallFashionMnist.Write(folder.File("data"), train: 600, test: 200);

        var (code, output, error) = await CliTests.Run("train", "--model", "TinyPretrained", "--data", folder.File("data"), "--epochs", "1",
            "--labels", "50", "--out", folder.File("run"), "--device", "cpu");

        Assert.True(code == 0, error);
        Assert.Contains("fine-tune: Linear(16 -> 10) on the [16] code, 10 classes, encoder frozen, 100 epochs", output);
        Assert.Contains("50 labels: test accuracy", output);
        var written = File.ReadAllText(new RunFolder(folder.File("run")).FineTuneFile);
        Assert.Contains("\"Labels\": 50", written);
        Assert.Contains("\"Pretrained\"", written);
        Assert.Contains("fine-tune: Linear(16 -> 10)", File.ReadAllText(new RunFolder(folder.File("run")).SummaryFile));
    }

    [Fact]
    public async Task Labels_for_a_model_without_a_fine_tune_is_refused_before_training()
    {
        var (code, _, error) = await CliTests.Run("train", "--model", "TinyAe", "--labels", "100", "--data", "/nonexistent/data");

        Assert.Equal(1, code);
        Assert.Contains("--labels: TinyAe declares no fine-tune; add [FineTune(Classes = K)]", error);
    }
}
