using DslAe.Cli;
using DslAe.Reports;

namespace DslAe.Tests;

/// <summary>The command line as a user's one-line Program.cs runs it, with the test project's two models.</summary>
public class CliTests
{
    internal static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await DslAeApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Help_lists_the_models_and_the_commands()
    {
        var (code, output, _) = await Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("TinyAe", output);
        Assert.Contains("TinyDenoiser", output);
        foreach (var command in new[] { "train", "eval", "summary", "reconstruct", "export" }) Assert.Contains(command, output);
    }

    [Fact]
    public async Task Train_options_are_documented()
    {
        var (_, output, _) = await Run("train", "--help");
        foreach (var option in new[] { "--model", "--epochs", "--batch", "--lr", "--device", "--data", "--out", "--seed", "--resume", "--limit", "--threads" })
            Assert.Contains(option, output);
    }

    [Fact]
    public async Task Summary_config_prints_the_effective_declaration_with_defaults_filled_in()
    {
        var (code, output, _) = await Run("summary", "--model", "TinyDenoiser", "--config");
        Assert.Equal(0, code);
        Assert.Contains("name: TinyDenoiser", output);
        Assert.Contains("kind: gaussian", output);
        // Written nowhere in the declaration: the defaults must be spelled out.
        Assert.Contains("padding: same", output);
        Assert.Contains("validation: 0.1", output);
        Assert.DoesNotContain("params", output);
    }

    [Fact]
    public async Task Train_on_cuda_without_a_gpu_fails_before_any_data_is_read()
    {
        if (TorchSharp.torch.cuda.is_available())
        {
            // With a GPU the request is valid (docs/gpu.md).
            Assert.Equal(TorchSharp.DeviceType.CUDA, Training.TrainingDevice.Resolve("cuda").type);
            return;
        }
        // The data folder does not exist: an error about it would mean the device was checked too late.
        var (code, output, error) = await Run("train", "--model", "TinyAe", "--device", "cuda", "--data", "/nonexistent/data");
        Assert.Equal(1, code);
        Assert.Contains("--device cuda: no CUDA device is available", error);
        Assert.DoesNotContain("/nonexistent/data", error + output);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void A_libtorch_error_is_shown_as_its_message_without_libtorchs_cpp_backtrace()
    {
        // A real libtorch error, as TorchSharp raises it: the message, then "Exception raised from ..." and frames.
        using var a = TorchSharp.torch.zeros(2, 3);
        using var b = TorchSharp.torch.zeros(4, 5);
        var e = Assert.ThrowsAny<System.Runtime.InteropServices.ExternalException>(() => a.mm(b));
        Assert.Contains("Exception raised from", e.Message);

        var line = DslAeApp.OneLine(e);

        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain("Exception raised from", line);
        Assert.Contains("cannot be multiplied", line);
    }

    [Fact]
    public async Task Without_model_a_program_with_several_models_asks_for_one()
    {
        var (code, _, error) = await Run("summary");
        Assert.Equal(1, code);
        Assert.Contains("11 models (", error);   // TinyAe, TinyDenoiser, TinyVae, TinyZeroUnpool, TinySegmenter, TinyClassifier, TinySuperResolver, TinyPretrained, TinyFineTuned, TinyGlo, TinyPerceptual
        Assert.Contains("--model", error);
    }

    [Fact]
    public async Task An_unknown_model_lists_the_known_ones()
    {
        var (code, _, error) = await Run("summary", "--model", "Nope");
        Assert.Equal(1, code);
        Assert.Contains("No model named 'Nope'", error);
        Assert.Contains("TinyAe", error);
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs must be positive")]
    [InlineData("--batch", "-3", "--batch must be positive")]
    [InlineData("--lr", "abc", "abc")]
    [InlineData("--bogus", "1", "--bogus")]
    public async Task Bad_options_give_a_clear_error_and_a_failing_exit_code(string option, string value, string expected)
    {
        var (code, _, error) = await Run("train", "--model", "TinyAe", option, value);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Bad_data_names_the_folder()
    {
        var (code, _, error) = await Run("train", "--model", "TinyAe", "--data", "/nonexistent/images");
        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/images", error);
        Assert.Contains("folder not found", error);
    }

    [Fact]
    public async Task Summary_prints_the_stage_table_and_the_training_settings()
    {
        var (code, output, _) = await Run("summary", "--model", "TinyDenoiser");
        Assert.Equal(0, code);
        Assert.Contains("Enc1", output);
        Assert.Contains("AdamW", output);
        Assert.Contains("schedule Step", output);
    }

    [Fact]
    public async Task Train_eval_reconstruct_export_and_resume_work_on_one_run_folder()
    {
        using var folder = new TempFolder();
        var data = folder.File("fashion");
        SmallFashionMnist.Write(data, train: 400, test: 100);
        var run = folder.File("run");
        var (code, output, error) = await Run("train", "--model", "TinyAe", "--data", data, "--epochs", "1", "--out", run, "--device", "cpu", "--threads", "1");
        Assert.True(code == 0, error);
        Assert.Contains(": 1 epoch x ", output);          // one epoch, not "1 epochs"
        Assert.Contains("1 CPU thread: --threads 1", output);
        Assert.Contains("Finished 1 epoch (", File.ReadAllText(Path.Combine(run, "report.html")));
        Assert.Contains("<th>val loss: mse</th>", File.ReadAllText(Path.Combine(run, "report.html")));
        Assert.Contains("test MSE", output);
        Assert.Contains("PSNR", output);
        Assert.True(File.Exists(Path.Combine(run, "report.html")));

        // --data is not repeated: the run's own data comes from its checkpoint.
        (code, output, error) = await Run("train", "--model", "TinyAe", "--epochs", "2", "--resume", run);
        Assert.True(code == 0, error);
        Assert.Contains("resuming TinyAe", output);
        Assert.Contains($"loading {data}", output);
        Assert.Contains("1 CPU thread: as the run recorded", output);   // not the machine's load now
        Assert.Equal(3, MetricsLog.ReadEpochs(new RunFolder(run).MetricsFile).Count);   // untrained, 1, 2

        // Resuming a finished run says so instead of silently evaluating again.
        (code, _, error) = await Run("train", "--model", "TinyAe", "--data", data, "--epochs", "2", "--resume", run);
        Assert.Equal(1, code);
        Assert.Contains("nothing to resume", error);
        Assert.Contains("already finished its 2 epochs; pass --epochs with more than 2", error);
        Assert.Equal(3, MetricsLog.ReadEpochs(new RunFolder(run).MetricsFile).Count);

        (code, output, error) = await Run("eval", "--model", "TinyAe", "--checkpoint", run, "--data", data);
        Assert.True(code == 0, error);
        Assert.Contains("100 test images", output);
        Assert.Contains("SSIM", output);

        var grid = folder.File("grid.png");
        (code, _, error) = await Run("reconstruct", "--model", "TinyAe", "--checkpoint", run, "--data", data, "--out", grid, "--count", "4");
        Assert.True(code == 0, error);
        Assert.Equal(4 * 28 * 3 + 5 * 2, Data.ImageFile.Read(grid, 1).Width);

        var weights = folder.File("tiny.safetensors");
        (code, _, error) = await Run("export", "--model", "TinyAe", "--checkpoint", run, "--out", weights);
        Assert.True(code == 0, error);
        using var module = TinyAe.Definition.CreateModule();
        Assert.Empty(Serialization.Weights.Load(module, weights).MissingKeys);
    }

    [Fact]
    public async Task Ctrl_C_stops_training_with_exit_code_130_and_says_how_to_resume()
    {
        using var folder = new TempFolder();
        var data = folder.File("fashion");
        SmallFashionMnist.Write(data, train: 400, test: 100);
        var run = folder.File("run");
        using var interrupt = new CancellationTokenSource();
        var (output, error) = (new StringWriter(), new StringWriter());
        // As Ctrl+C does: the token is cancelled while the run is training (hundreds of epochs take far longer).
        var training = Task.Run(() => DslAeApp.RunAsync(["train", "--model", "TinyAe", "--data", data, "--epochs", "500", "--out", run, "--device", "cpu"], output, error, interrupt.Token));
        while (!File.Exists(new RunFolder(run).MetricsFile) && !training.IsCompleted) await Task.Delay(50);
        interrupt.Cancel();
        var code = await training;

        Assert.Equal(130, code);
        Assert.Contains($"--resume {Path.GetFullPath(run)}", error.ToString());
        Assert.True(File.Exists(new RunFolder(run).LastCheckpoint), "the interrupted run left no checkpoint to resume from");
    }

    [Fact]
    public async Task Eval_without_any_run_says_how_to_get_weights()
    {
        var (code, _, error) = await Run("eval", "--model", "TinyAe", "--checkpoint", "/nonexistent/run");
        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/run", error);
    }
}
