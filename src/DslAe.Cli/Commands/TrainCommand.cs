using System.CommandLine;
using System.Globalization;
using DslAe.Cli.Progress;
using DslAe.Data;
using DslAe.Reports;
using DslAe.Training;

namespace DslAe.Cli.Commands;

/// <summary><c>train</c>: trains a model with its declared settings and the command line's overrides.</summary>
internal static class TrainCommand
{
    /// <summary>The exit code of a run stopped by Ctrl+C: 128 + SIGINT, as shells report an interrupted command.</summary>
    public const int Interrupted = 130;

    public static Command Create(CliOptions o, CliContext context)
    {
        var command = new Command("train", "Train a model (the default command): progress, metrics, checkpoints and a report in a run folder")
        {
            o.Model, o.Epochs, o.Batch, o.Lr, o.Device, o.Data, o.Out, o.Seed, o.Resume, o.Limit,
        };
        command.SetAction((parse, cancellation) => Task.FromResult(Run(parse, o, context, cancellation)));
        return command;
    }

    private static int Run(ParseResult parse, CliOptions o, CliContext context, CancellationToken cancellation)
    {
        var model = ModelChoice.Resolve(parse.GetValue(o.Model));
        var settings = ModelChoice.Settings(model, parse, o);
        var resume = parse.GetResult(o.Resume) is not null;
        var runFolder = resume ? ResumeFolder(model, parse.GetValue(o.Resume) ?? parse.GetValue(o.Out)) : parse.GetValue(o.Out);
        var (dataOption, limit) = (parse.GetValue(o.Data), parse.GetValue(o.Limit));
        if (resume && runFolder is not null && new RunFolder(runFolder).LastCheckpoint is var checkpoint && File.Exists(checkpoint))
        {
            // A resume continues on the run's own data: --data and --limit need not be repeated.
            var stored = Checkpoint.ReadState(checkpoint);
            (dataOption, limit) = (dataOption ?? stored.Data, limit ?? stored.Limit);
        }
        var options = new TrainerOptions { Device = parse.GetValue(o.Device) ?? "auto", RunFolder = runFolder, Resume = resume, Data = dataOption, Limit = limit };
        // Before any data loads: --device cuda on a machine without CUDA is an error now, not after the data set is read.
        TrainingDevice.Resolve(options.Device);

        context.Output.WriteLine($"loading {DataSources.Describe(settings, dataOption)}{(limit is { } n ? $" (--limit {n})" : "")}");
        using var data = DataSources.Load(settings, model.InputShape, model.Name, dataOption, limit);
        using var trainer = new Trainer(model, settings, options);
        var result = context.Interactive
            ? SpectreProgressObserver.Run(observer => trainer.Fit(data, observer, cancellation))
            : trainer.Fit(data, new LogLineObserver(context.Output), cancellation);

        if (!result.Finished && cancellation.IsCancellationRequested)
        {
            // Interrupted (Ctrl+C): the checkpoint is written; the exit code says the run did not finish, as shells expect.
            context.Error.WriteLine($"interrupted after {Counts.Of(result.Steps, "step")}; continue with: train --model {model.Name} --resume {result.RunFolder}");
            return Interrupted;
        }

        var last = result.History.LastOrDefault();
        var output = context.Output;
        if (result.Test is { } test)
            output.WriteLine(Inv($"test MSE {test.Mse:0.00000}  PSNR {test.Psnr:0.00} dB  SSIM {test.Ssim:0.0000}  ({test.Samples} test images)"));
        else if (last is not null)
            output.WriteLine(Inv($"validation MSE {last.Validation.Mse:0.00000}  PSNR {last.Validation.Psnr:0.00} dB  SSIM {last.Validation.Ssim:0.0000}"));
        output.WriteLine(Inv($"{(result.Finished ? "trained" : "stopped")} in {result.Elapsed.TotalSeconds:0.0} s, {Counts.Of(result.Steps, "step")}; report: {Path.Combine(result.RunFolder, "report.html")}"));
        return 0;
    }

    /// <summary>--resume's folder: the value given (a run folder or a checkpoint inside one), else the latest run.</summary>
    private static string ResumeFolder(ModelDefinition model, string? given)
    {
        if (given is null)
            return (RunFolder.FindLatest(RunFolder.DefaultRoot, model.Name)
                ?? throw new FileNotFoundException($"--resume: no run of {model.Name} with a checkpoint under {Path.GetFullPath(RunFolder.DefaultRoot)}; pass --resume <run folder>")).Path;
        if (File.Exists(given))
        {
            // checkpoints/last.safetensors inside a run folder.
            var folder = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(given)))!;
            if (Path.GetFullPath(new RunFolder(folder).LastCheckpoint) != Path.GetFullPath(given))
                throw new ArgumentException($"--resume {given}: resume from a run folder or its checkpoints/last.safetensors");
            return folder;
        }
        return given;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
