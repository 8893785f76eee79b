using System.Xml.Linq;
using DslAe.Data;
using DslAe.Reports;
using DslAe.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DslAe.Tests;

public class TrainerTests
{
    [Fact]
    public void A_few_hundred_steps_on_fashion_mnist_bring_the_validation_loss_far_below_the_untrained_loss()
    {
        using var folder = new TempFolder();
        using var data = TestData.Split(4800, 600);
        using var trainer = new Trainer(TinyAe.Definition, TinyAe.Definition.Training, new TrainerOptions { Device = "cpu", RunFolder = folder.File("run") });
        var result = trainer.Fit(data);

        Assert.True(result.Finished);
        Assert.Equal(300, result.Steps);                     // 2 epochs of 4800 / 32
        var untrained = result.History[0].Validation;
        var trained = result.History[^1].Validation;
        Assert.Equal(0, result.History[0].Epoch);
        Assert.Equal(2, result.History[^1].Epoch);
        Assert.True(trained.Loss < 0.35 * untrained.Loss, $"validation loss {trained.Loss} vs untrained {untrained.Loss}");
        Assert.True(trained.Psnr > untrained.Psnr + 5, $"PSNR {trained.Psnr} vs untrained {untrained.Psnr}");
        Assert.True(trained.Ssim > untrained.Ssim);
        Assert.Equal(trained.Loss, trained.Terms["mse"], 6);  // the only term, weight 1
        Assert.Equal(trained.Loss, trained.Mse, 5);           // and it is the MSE

        // The run folder holds what the report shows.
        var run = new RunFolder(result.RunFolder);
        Assert.Equal(3, File.ReadAllLines(run.MetricsFile).Length);
        Assert.True(File.Exists(run.ReconstructionImage(1)) && File.Exists(run.ReconstructionImage(2)));
        var grid = ImageFile.Read(run.ReconstructionImage(2), 1);
        Assert.Equal(2 * 28 * 3 + 3 * 2, grid.Height);        // inputs above, outputs below
        Assert.Contains("Enc1", File.ReadAllText(run.SummaryFile));
        Assert.Equal("svg", XDocument.Load(run.LossCurveFile).Root!.Name.LocalName);
        var report = File.ReadAllText(run.ReportFile);
        Assert.Contains("images/reconstructions-epoch-002.png", report);
        Assert.Contains("loss.svg", report);
        Assert.True(File.Exists(run.LastCheckpoint) && File.Exists(run.BestCheckpoint) && File.Exists(run.FinalWeights));
        Assert.Empty(Directory.GetFiles(run.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(37)]   // inside the second epoch
    [InlineData(34)]   // exactly at the end of the first epoch, before its evaluation
    public void A_run_stopped_and_resumed_ends_with_the_same_weights_as_an_uninterrupted_run(long stopAfter)
    {
        // 544 images of 16: 34 steps per epoch, 3 epochs, noise every step, step schedule, clipping, AdamW.
        var model = TinyDenoiser.Definition;
        using var folder = new TempFolder();
        using var data = TestData.Split(544, 64);

        using var straight = new Trainer(model, model.Training, new TrainerOptions { Device = "cpu", Threads = 1, RunFolder = folder.File("straight") });
        var full = straight.Fit(data);

        using (var first = new Trainer(model, model.Training, new TrainerOptions { Device = "cpu", Threads = 1, RunFolder = folder.File("resumed"), StopAfterStep = stopAfter }))
        {
            var partial = first.Fit(data);
            Assert.False(partial.Finished);
            Assert.Equal(stopAfter, partial.Steps);
        }
        using var second = new Trainer(model, model.Training, new TrainerOptions { Device = "cpu", RunFolder = folder.File("resumed"), Resume = true });
        var resumed = second.Fit(data);

        Assert.Equal(full.Steps, resumed.Steps);
        var expected = straight.Module.state_dict();
        var actual = second.Module.state_dict();
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected)
            Assert.True(tensor.data<float>().ToArray().SequenceEqual(actual[name].data<float>().ToArray()), $"parameter {name} differs after resuming at step {stopAfter}");
        // The learning rate followed the schedule (halved per epoch: the third epoch ran at lr/4) in both runs, and the
        // logs agree line for line.
        Assert.Equal(OptimizerFactory.LearningRate(straight.Optimizer), OptimizerFactory.LearningRate(second.Optimizer));
        Assert.Equal(2e-3 / 4, OptimizerFactory.LearningRate(second.Optimizer), 12);
        Assert.Equal([2e-3, 2e-3 / 2, 2e-3 / 4], resumed.History.Skip(1).Select(h => h.LearningRate));
        Assert.Equal(full.History.Select(h => (h.Epoch, h.Validation.Loss)), resumed.History.Select(h => (h.Epoch, h.Validation.Loss)));
    }

    [Fact]
    public void Resuming_with_another_batch_size_is_refused_with_the_reason()
    {
        var model = TinyAe.Definition;
        using var folder = new TempFolder();
        using var data = TestData.Split(320, 32);
        using (var first = new Trainer(model, model.Training, new TrainerOptions { Device = "cpu", RunFolder = folder.File("run"), StopAfterStep = 3 }))
            first.Fit(data);
        using var second = new Trainer(model, model.Training with { BatchSize = 64 }, new TrainerOptions { Device = "cpu", RunFolder = folder.File("run"), Resume = true });
        var e = Assert.Throws<InvalidOperationException>(() => second.Fit(data));
        Assert.Contains("--batch 32, not 64", e.Message);
    }

    [Fact]
    public void A_nan_loss_stops_the_run_naming_step_and_term_and_keeps_the_last_good_checkpoint()
    {
        var model = TinyAe.Definition;
        using var folder = new TempFolder();
        using var good = TestData.Split(320, 32);
        using (var first = new Trainer(model, model.Training, new TrainerOptions { Device = "cpu", RunFolder = folder.File("run"), StopAfterStep = 4 }))
            first.Fit(good);
        var checkpoint = new RunFolder(folder.File("run")).LastCheckpoint;
        var before = File.ReadAllBytes(checkpoint);

        // The same number of images, now NaN: the resumed run's first step (step 5) diverges.
        using var nanImages = full([320, 1, 28, 28], double.NaN);
        using var bad = new DataSplit(ImageDataset.FromTensor(nanImages), TestData.Split(0, 32).Validation, null);
        using var second = new Trainer(model, model.Training, new TrainerOptions { Device = "cpu", RunFolder = folder.File("run"), Resume = true });
        var e = Assert.Throws<TrainingDivergedException>(() => second.Fit(bad));

        Assert.Equal(5, e.Step);
        Assert.Equal("mse", e.Term);
        Assert.Contains("step 5", e.Message);
        Assert.Contains("'mse' is NaN", e.Message);
        Assert.Equal(checkpoint, e.LastGoodCheckpoint);
        Assert.Equal(before, File.ReadAllBytes(checkpoint));
        // The checkpoint still loads and its weights are finite.
        using var module = model.CreateModule();
        Checkpoint.LoadWeights(checkpoint, module);
        Assert.All(module.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
    }

    [Fact]
    public void Early_stopping_ends_the_run_when_validation_stops_improving()
    {
        var model = TinyAe.Definition;
        // A learning rate so small that the weights cannot change in float32: the validation loss stays flat.
        var settings = model.Training with { Epochs = 6, LearningRate = 1e-30, EarlyStoppingPatience = 2 };
        using var folder = new TempFolder();
        using var data = TestData.Split(64, 32);
        using var trainer = new Trainer(model, settings, new TrainerOptions { Device = "cpu", RunFolder = folder.File("run") });
        var result = trainer.Fit(data);
        Assert.True(result.StoppedEarly);
        Assert.Equal(3, result.History[^1].Epoch);             // best at 1, no improvement at 2 and 3
        Assert.Contains("Stopped early", File.ReadAllText(new RunFolder(result.RunFolder).ReportFile));
    }

    [Fact]
    public void Asking_for_cuda_without_it_fails_with_the_reason()
    {
        if (cuda.is_available())
        {
            // With a GPU, auto takes it (verified only where one is lent; see docs/gpu.md).
            Assert.Equal(DeviceType.CUDA, TrainingDevice.Resolve("auto").type);
            return;
        }
        var e = Assert.Throws<ArgumentException>(() => TrainingDevice.Resolve("cuda"));
        Assert.Contains("no CUDA device", e.Message);
        Assert.Contains("docs/gpu.md", e.Message);
        Assert.Equal(DeviceType.CPU, TrainingDevice.Resolve("auto").type);
        Assert.Contains("cpu, cuda, cuda:N", Assert.Throws<ArgumentException>(() => TrainingDevice.Resolve("gpu")).Message);
    }
}
