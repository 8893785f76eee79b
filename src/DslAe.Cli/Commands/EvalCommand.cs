using System.CommandLine;
using System.Globalization;
using DslAe.Data;
using DslAe.Training;
using DslAe.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace DslAe.Cli.Commands;

/// <summary><c>eval</c>: loss terms, MSE, PSNR and SSIM of trained weights on the test set (or the validation split).</summary>
internal static class EvalCommand
{
    public static Command Create(CliOptions o, CliContext context)
    {
        var command = new Command("eval", "Evaluate trained weights on the test set (or the validation split when the data has no test set)")
        {
            o.Model, o.Checkpoint, o.Device, o.Data, o.Batch, o.Seed, o.Limit, o.Threads,
        };
        command.SetAction(parse =>
        {
            var model = ModelChoice.Resolve(parse.GetValue(o.Model));
            var settings = ModelChoice.Settings(model, parse, o);
            var weights = ModelChoice.WeightsFile(model, parse.GetValue(o.Checkpoint));
            using var loaded = LoadedModel.Load(model, weights, parse.GetValue(o.Device), parse.GetValue(o.Threads));
            using var data = DataSources.Load(settings, model.InputShape, model.Name, parse.GetValue(o.Data), parse.GetValue(o.Limit), target: model.Target);
            var (name, set) = data.Test is { } test ? ("test", test) : ("validation", data.Validation);
            var metrics = Evaluator.Evaluate(loaded.Module, set, loaded.Device, SeededShuffle.DerivedSeed(settings.Seed, -1), parse.GetValue(o.Batch) ?? Evaluator.DefaultBatchSize);
            context.Output.WriteLine($"{model.Name} ({weights}) on {set.Count} {name} images:");
            context.Output.WriteLine("  " + metrics);
            foreach (var (term, value) in metrics.Terms) context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  loss term {term}: {value:0.00000}"));
            return 0;
        });
        return command;
    }
}

/// <summary>A model's module with weights loaded from a file, on the chosen device.</summary>
internal sealed class LoadedModel : IDisposable
{
    private LoadedModel(AutoencoderModule module, Device device) => (Module, Device) = (module, device);

    public AutoencoderModule Module { get; }
    public Device Device { get; }

    /// <summary>Loads the module; libtorch's CPU threads: <paramref name="threads"/>, else the cores free now (<see cref="IntraOpThreads"/>).</summary>
    public static LoadedModel Load(ModelDefinition model, string weights, string? device, int? threads = null)
    {
        IntraOpThreads.Apply(IntraOpThreads.Choose(threads, null).Threads);
        var target = TrainingDevice.Resolve(device);
        var module = model.CreateModule();
        try
        {
            Checkpoint.LoadWeights(weights, module);
            module.to(target);
            module.eval();
            return new LoadedModel(module, target);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    public void Dispose() => Module.Dispose();
}
