using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using DslAe.Training;

namespace DslAe.Cli;

/// <summary>The options of the commands; each is one instance, added to every command that takes it.</summary>
internal sealed class CliOptions
{
    public Option<string?> Model { get; } = new("--model", "-m") { Description = "The model to use (optional when the program declares one); --help lists them" };
    public Option<int?> Epochs { get; } = PositiveInteger(new("--epochs") { Description = "Number of epochs (overrides [Train] Epochs)" });
    public Option<int?> Batch { get; } = PositiveInteger(new("--batch", "-b") { Description = "Batch size (overrides [Train] Batch)" });
    public Option<double?> Lr { get; } = PositiveNumber(new("--lr") { Description = "Learning rate (overrides [Train] Lr; on --resume, applied from the resumed step on and logged)" });
    public Option<string> Device { get; } = new("--device") { Description = "auto (CUDA when available), cpu, cuda or cuda:N", DefaultValueFactory = _ => "auto" };
    public Option<string?> Data { get; } = new("--data") { Description = "fashion-mnist, a folder of Fashion-MNIST IDX files, or a folder of PNG/JPEG images (overrides the declared data)" };
    public Option<string?> Out { get; } = new("--out", "-o") { Description = "train: the run folder (default runs/<model>-<yyyyMMdd-HHmmss>); reconstruct/export: the file to write" };
    public Option<int?> Seed { get; } = Integer(new("--seed") { Description = "Seed of initial weights, split, shuffling and noise (overrides [Train] Seed)" });
    public Option<string?> Resume { get; } = new("--resume")
    {
        Description = "Continue a run from its last checkpoint: a run folder or checkpoint file; alone, --out or the latest run of the model",
        Arity = ArgumentArity.ZeroOrOne,
    };
    public Option<int?> Limit { get; } = PositiveInteger(new("--limit") { Description = "Use only this many training images (quick runs, tests)" });
    public Option<int?> Labels { get; } = PositiveInteger(new("--labels")
    {
        Description = "A model with a fine-tune: train its classifier on this many labelled training images (a seeded choice; default: the declaration's, else all)",
    });
    public Option<double?> CheckpointMinutes { get; } = PositiveNumber(new("--checkpoint-minutes")
    {
        Description = "Also write the checkpoint after this many minutes of training since the last one (default 10), so a long first epoch is not lost",
    });
    public Option<int?> Threads { get; } = AtMost(IntraOpThreads.Max, PositiveInteger(new("--threads")
    {
        Description = "libtorch's CPU threads (default: the cores other processes leave free when the run starts; a resume keeps its run's count)",
    }));
    public Option<int?> HoldoutClass { get; } = new("--holdout-class")
    {
        Description = "Fashion-MNIST class (0-9) left out of training and validation: the anomaly-detection protocol (score it afterwards with score --anomalous-class)",
        CustomParser = result => ParseClass(result),
    };
    public Option<string?> Checkpoint { get; } = new("--checkpoint", "-c") { Description = "A run folder or .safetensors file to load weights from (default: the latest run of the model)" };
    public Option<int> Count { get; } = new("--count") { Description = "Number of images in the grid", DefaultValueFactory = _ => 8, CustomParser = result => ParseInteger(result) ?? 8 };

    // System.CommandLine's own message names the CLR type ("as expected type 'System.Nullable`1[System.Int32]'"):
    // these parsers say what the option takes, in words.
    private static Option<int?> Integer(Option<int?> option)
    {
        option.CustomParser = ParseInteger;
        return option;
    }

    private static Option<int?> PositiveInteger(Option<int?> option)
    {
        option.CustomParser = result =>
        {
            var value = ParseInteger(result);
            return value is { } v && v <= 0 ? Error<int?>(result, $"must be positive; got {v}") : value;
        };
        return option;
    }

    private static Option<int?> AtMost(int max, Option<int?> option)
    {
        var parse = option.CustomParser!;
        option.CustomParser = result => parse(result) is { } v && v > max ? Error<int?>(result, $"must be at most {max}; got {v}") : parse(result);
        return option;
    }

    private static Option<double?> PositiveNumber(Option<double?> option)
    {
        option.CustomParser = result =>
        {
            var text = Token(result);
            // double.Parse takes "Infinity", "NaN" and "∞": none is a learning rate or a duration.
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                return Error<double?>(result, $"takes a finite number (such as 0.001 or 1e-3); got '{text}'");
            return value <= 0 ? Error<double?>(result, $"must be positive; got {text}") : value;
        };
        return option;
    }

    /// <summary>A Fashion-MNIST class, 0 to 9.</summary>
    public static int? ParseClass(ArgumentResult result)
    {
        var text = Token(result);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k is >= 0 and <= 9
            ? k
            : Error<int?>(result, $"takes a Fashion-MNIST class, 0 to 9; got '{text}'");
    }

    private static int? ParseInteger(ArgumentResult result)
    {
        var text = Token(result);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : Error<int?>(result, $"takes an integer; got '{text}'");
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private static T? Error<T>(ArgumentResult result, string problem)
    {
        var name = (result.Parent as OptionResult)?.Option.Name ?? "the option";
        result.AddError($"{name} {problem}");
        return default;
    }
}
