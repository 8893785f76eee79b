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
            o.Model, o.Epochs, o.Batch, o.Lr, o.Device, o.Data, o.Out, o.Seed, o.Resume, o.Limit, o.CheckpointMinutes, o.Threads, o.HoldoutClass, o.Labels,
        };
        command.SetAction((parse, cancellation) => Task.FromResult(Run(parse, o, context, cancellation)));
        return command;
    }

    private static int Run(ParseResult parse, CliOptions o, CliContext context, CancellationToken cancellation)
    {
        var model = ModelChoice.Resolve(parse.GetValue(o.Model));
        var settings = ModelChoice.Settings(model, parse, o);
        var resume = parse.GetResult(o.Resume) is not null;
        var (resumeValue, outValue) = (parse.GetValue(o.Resume), parse.GetValue(o.Out));
        var runFolder = resume ? ResumeFolder(model, resumeValue ?? outValue) : outValue;
        if (resume && resumeValue is not null && outValue is not null && Path.GetFullPath(outValue).TrimEnd('/') != Path.GetFullPath(runFolder!).TrimEnd('/'))
            throw new ArgumentException($"--resume {resumeValue} and --out {outValue} name different folders: a resume continues its run in its own folder; drop --out");
        var (dataOption, limit, holdout) = (parse.GetValue(o.Data), parse.GetValue(o.Limit), parse.GetValue(o.HoldoutClass));
        var labels = parse.GetValue(o.Labels);
        if (labels is not null && model.FineTune is null)
            throw new ArgumentException($"--labels: {model.Name} declares no fine-tune; add [FineTune(Classes = K)] (YAML: fine_tune: {{ classes: K }}) to train a classifier on its encoder after training");
        if (resume && runFolder is not null && new RunFolder(runFolder).LastCheckpoint is var checkpoint && File.Exists(checkpoint))
        {
            // A resume continues the run as it was: its data, --limit, learning rate, epochs, batch and seed come from
            // its checkpoint unless given again. What is given is applied (and the trainer says so) or refused.
            var stored = ReadState(checkpoint);
            (dataOption, limit, holdout) = (dataOption ?? stored.Data, limit ?? stored.Limit, holdout ?? stored.HoldoutClass);
            settings = settings with
            {
                LearningRate = parse.GetValue(o.Lr) ?? stored.LearningRate ?? settings.LearningRate,
                Epochs = parse.GetValue(o.Epochs) ?? stored.Epochs ?? settings.Epochs,
                BatchSize = parse.GetValue(o.Batch) ?? stored.BatchSize,
                Seed = parse.GetValue(o.Seed) ?? stored.Seed,
            };
        }
        var options = new TrainerOptions
        {
            Device = parse.GetValue(o.Device) ?? "auto", Threads = parse.GetValue(o.Threads), RunFolder = runFolder, Resume = resume, Data = dataOption, Limit = limit, HoldoutClass = holdout,
            CheckpointInterval = parse.GetValue(o.CheckpointMinutes) is { } minutes ? TimeSpan.FromMinutes(minutes) : new TrainerOptions().CheckpointInterval,
        };
        // Before any data loads (20-30 s for Fashion-MNIST): the device is resolved, the run folder claimed and checked
        // writable, and a resume's checkpoint restored and checked against these settings.
        using var trainer = new Trainer(model, settings, options);
        var folder = trainer.Open();

        context.Output.WriteLine($"loading {DataSources.Describe(settings, dataOption)}{(limit is { } n ? $" (--limit {n})" : "")}{(holdout is { } k ? $" without class {k}" : "")}");
        using var data = DataSources.Load(settings, model.InputShape, model.Name, dataOption, limit, holdout, model.Target);
        TrainingResult result;
        try
        {
            result = context.Interactive
                ? SpectreProgressObserver.Run(observer => trainer.Fit(data, observer, cancellation))
                : trainer.Fit(data, new LogLineObserver(context.Output), cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full or read-only disk mid-run: checkpoints are written atomically, so the last one is whole.
            var saved = new RunFolder(folder).LastCheckpoint;
            throw new IOException(File.Exists(saved)
                ? $"{DslAeApp.OneLine(e)}; the last checkpoint {saved} is intact: free disk space (or fix the folder), then continue with: train --model {model.Name} --resume {folder}"
                : $"{DslAeApp.OneLine(e)}; no checkpoint was written yet: free disk space (or fix the folder), then train again with --out {folder}", e);
        }

        if (!result.Finished && cancellation.IsCancellationRequested)
        {
            // Interrupted (Ctrl+C): the checkpoint is written; the exit code says the run did not finish, as shells expect.
            context.Error.WriteLine($"interrupted after {Counts.Of(result.Steps, "step")}; continue with: train --model {model.Name} --resume {result.RunFolder}");
            return Interrupted;
        }

        var last = result.History.LastOrDefault();
        var output = context.Output;
        if (result.Test is { } test)
            output.WriteLine(Inv($"test {test.Describe()}  ({test.Samples} test images)"));
        else if (last is not null)
            output.WriteLine(Inv($"validation {last.Validation.Describe()}"));
        output.WriteLine(Inv($"{(result.Finished ? "trained" : "stopped")} in {result.Elapsed.TotalSeconds:0.0} s, {Counts.Of(result.Steps, "step")}; report: {Path.Combine(result.RunFolder, "report.html")}"));
        if (model.FineTune is { } fineTune && result.Finished)
            FineTune(model, fineTune, trainer, settings, dataOption, limit, labels, result.RunFolder, output);
        return 0;
    }

    /// <summary>Phase two of a model with a fine-tune: the classifier on the trained encoder and on a random one.</summary>
    private static void FineTune(ModelDefinition model, FineTuneDescription fineTune, Trainer trainer, TrainingSettings settings, string? dataOption,
        int? limit, int? labels, string runFolder, TextWriter output)
    {
        output.WriteLine($"fine-tune: {fineTune}{(labels is { } n ? $" (--labels {n})" : "")}");
        var target = new TargetDescription(TargetKind.Labels, [fineTune.Classes]);
        using var data = DataSources.Load(settings, model.InputShape, model.Name, dataOption, limit, holdoutClass: null, target);
        var result = FineTuner.Run(model, trainer.Module, data.Train, data.Test ?? data.Validation, labels, settings.Seed, settings.BatchSize, trainer.Device, output.WriteLine);
        output.WriteLine(result.Describe());
        File.WriteAllText(new RunFolder(runFolder).FineTuneFile, System.Text.Json.JsonSerializer.Serialize(result, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static TrainingState ReadState(string checkpoint)
    {
        try
        {
            return Checkpoint.ReadState(checkpoint);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{checkpoint}: the training state in its metadata is not valid JSON ({e.Message}); the checkpoint is damaged: resume from a copy of the run, or start a new run without --resume", e);
        }
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
