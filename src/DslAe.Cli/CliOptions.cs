using System.CommandLine;
using System.CommandLine.Parsing;

namespace DslAe.Cli;

/// <summary>The options of the commands; each is one instance, added to every command that takes it.</summary>
internal sealed class CliOptions
{
    public Option<string?> Model { get; } = new("--model", "-m") { Description = "The model to use (optional when the program declares one); --help lists them" };
    public Option<int?> Epochs { get; } = Positive<int>(new("--epochs") { Description = "Number of epochs (overrides [Train] Epochs)" });
    public Option<int?> Batch { get; } = Positive<int>(new("--batch", "-b") { Description = "Batch size (overrides [Train] Batch)" });
    public Option<double?> Lr { get; } = Positive<double>(new("--lr") { Description = "Learning rate (overrides [Train] Lr)" });
    public Option<string> Device { get; } = new("--device") { Description = "auto (CUDA when available), cpu, cuda or cuda:N", DefaultValueFactory = _ => "auto" };
    public Option<string?> Data { get; } = new("--data") { Description = "fashion-mnist, a folder of Fashion-MNIST IDX files, or a folder of PNG/JPEG images (overrides the declared data)" };
    public Option<string?> Out { get; } = new("--out", "-o") { Description = "train: the run folder (default runs/<model>-<yyyyMMdd-HHmmss>); reconstruct/export: the file to write" };
    public Option<int?> Seed { get; } = new("--seed") { Description = "Seed of initial weights, split, shuffling and noise (overrides [Train] Seed)" };
    public Option<string?> Resume { get; } = new("--resume")
    {
        Description = "Continue a run from its last checkpoint: a run folder or checkpoint file; alone, --out or the latest run of the model",
        Arity = ArgumentArity.ZeroOrOne,
    };
    public Option<int?> Limit { get; } = Positive<int>(new("--limit") { Description = "Use only this many training images (quick runs, tests)" });
    public Option<string?> Checkpoint { get; } = new("--checkpoint", "-c") { Description = "A run folder or .safetensors file to load weights from (default: the latest run of the model)" };
    public Option<int> Count { get; } = new("--count") { Description = "Number of images in the grid", DefaultValueFactory = _ => 8 };

    private static Option<T?> Positive<T>(Option<T?> option) where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            T? value;
            try
            {
                value = result.GetValueOrDefault<T?>();
            }
            catch (InvalidOperationException)
            {
                return; // not a number at all: the parser reports that itself
            }
            if (value is { } v && v.CompareTo(default) <= 0)
                result.AddError($"{result.Option.Name} must be positive; got {v}");
        });
        return option;
    }
}
