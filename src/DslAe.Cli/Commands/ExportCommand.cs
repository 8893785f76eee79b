using System.CommandLine;
using System.Globalization;
using DslAe.Serialization;

namespace DslAe.Cli.Commands;

/// <summary><c>export</c>: the trained weights alone as safetensors, loadable by PyTorch (safetensors.torch.load_file).</summary>
internal static class ExportCommand
{
    public static Command Create(CliOptions o, CliContext context)
    {
        var command = new Command("export", "Write the trained weights as a safetensors file (names as in the generated module)")
        {
            o.Model, o.Checkpoint, o.Out,
        };
        command.SetAction(parse =>
        {
            var model = ModelChoice.Resolve(parse.GetValue(o.Model));
            var path = OutputFile.Check(parse.GetValue(o.Out), $"{model.Name}.safetensors");
            var weights = ModelChoice.WeightsFile(model, parse.GetValue(o.Checkpoint));
            using var loaded = LoadedModel.Load(model, weights, "cpu");
            Weights.Save(loaded.Module, path, new Dictionary<string, string>
            {
                ["model"] = model.Name,
                ["input_shape"] = string.Join(",", model.InputShape),
                ["source"] = Path.GetFullPath(weights),
            });
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {Path.GetFullPath(path)}: {loaded.Module.state_dict().Count} tensors, {loaded.Module.parameters().Sum(p => p.numel()):N0} parameters of {model.Name}"));
            return 0;
        });
        return command;
    }
}
