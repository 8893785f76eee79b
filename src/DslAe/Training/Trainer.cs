using System.Diagnostics;
using System.Globalization;
using DslAe.Data;
using DslAe.Metrics;
using DslAe.Reports;
using DslAe.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace DslAe.Training;

/// <summary>
/// Trains a generated model on a <see cref="DataSplit"/>: seeded shuffling, the declared optimiser and schedule,
/// gradient clipping, a validation pass and metrics after every epoch, early stopping, checkpoints that resume
/// exactly, and a run folder with metrics, images and a report. Denoising models train on
/// <c>module.Corrupt(x)</c> against the clean <c>x</c>.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly ModelDefinition model;
    private readonly TrainingSettings settings;
    private readonly TrainerOptions options;
    // Set by Open, released when Fit returns or on Dispose.
    private RunFolder? run;
    private RunLock? claim;
    private TrainingState? resumed;
    private ThreadChoice? threads;
    // Said by Open before any observer exists; Fit passes them on after Started.
    private readonly List<string> notes = [];
    private readonly Stopwatch sinceCheckpoint = new();

    /// <summary>
    /// Seeds libtorch with the settings' seed, and creates the model's module on the chosen device and its optimiser. Fails when the epochs, the batch size or the learning
    /// rate are not positive, or the device is not available.
    /// </summary>
    /// <param name="model">The model to train.</param>
    /// <param name="settings">What to train: the declared settings, possibly with command-line overrides.</param>
    /// <param name="options">How to run it; null: the defaults of <see cref="TrainerOptions"/>.</param>
    public Trainer(ModelDefinition model, TrainingSettings settings, TrainerOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Epochs, "epochs");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.BatchSize, "batch size");
        this.model = model;
        this.settings = settings;
        this.options = options ?? new TrainerOptions();
        Device = TrainingDevice.Resolve(this.options.Device);
        // The seed fixes the initial weights too.
        TrainingDevice.Seed(settings.Seed);
        Module = model.CreateModule();
        Module.to(Device);
        // Created after the move: the optimiser holds the parameters as they are on the training device.
        // A list, not the lazy enumeration: a GLO model registers its code table later, which has its own optimiser.
        Optimizer = OptimizerFactory.Create(settings, Module.parameters().ToList());
    }

    /// <summary>The module being trained, on <see cref="Device"/>; the trainer owns it.</summary>
    public AutoencoderModule Module { get; }

    /// <summary>The declared optimiser over <see cref="Module"/>'s parameters; the trainer owns it.</summary>
    public TorchSharp.Modules.OptimizerHelper Optimizer { get; }

    /// <summary>The device training runs on.</summary>
    public Device Device { get; }

    /// <summary>libtorch's intra-op thread count for the run and why, once <see cref="Open"/> has chosen it (<see cref="IntraOpThreads"/>).</summary>
    public ThreadChoice? Threads => threads;

    /// <summary>
    /// Trains on <paramref name="data"/> until every epoch is done or early stopping ends the run, then evaluates the
    /// test set (when there is one) and writes the final weights. On cancellation, or at
    /// <see cref="TrainerOptions.StopAfterStep"/>, it writes a checkpoint and returns an unfinished result that a
    /// later <see cref="TrainerOptions.Resume"/> continues. Fails with <see cref="TrainingDivergedException"/> when a
    /// loss becomes NaN or infinite.
    /// </summary>
    /// <param name="data">Training, validation and optional test images; they must fit the model's input shape.</param>
    /// <param name="observer">Receives the progress; null: <see cref="SilentObserver.Instance"/>.</param>
    /// <param name="cancellation">Checked after every step.</param>
    public TrainingResult Fit(DataSplit data, ITrainingObserver? observer = null, CancellationToken cancellation = default)
    {
        try
        {
            return Train(data, observer ?? SilentObserver.Instance, cancellation);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>
    /// Opens the run folder without any data, so that what is wrong with it is said at once rather than after a data
    /// set has loaded: claims the folder for this process (<see cref="RunLock"/>: a second trainer there fails, naming
    /// this one) until <see cref="Fit"/> returns, deletes the temporary files of an interrupted save, and on
    /// <see cref="TrainerOptions.Resume"/> restores the checkpoint and checks that these settings can continue it. Then
    /// it chooses the run's CPU thread count (<see cref="IntraOpThreads.Choose(int?, int?)"/>: a resume keeps the
    /// count its checkpoint recorded). A folder whose run stopped before its first checkpoint starts again from step 0, fresh or resumed.
    /// <see cref="Fit"/> opens the folder itself when this was not called.
    /// </summary>
    /// <returns>The run folder's absolute path.</returns>
    public string Open()
    {
        if (run is not null) return run.Path;
        var (folder, folderClaim) = OpenRunFolder();
        try
        {
            var removed = folder.RemoveTemporaryFiles();
            if (removed.Count > 0) notes.Add($"removed {Counts.Of(removed.Count, "temporary file")} left by an interrupted save ({string.Join(", ", removed.Select(Path.GetFileName))})");
            if (File.Exists(folder.LastCheckpoint) && options.Resume) resumed = Restore(folder);
            threads = options.ChooseThreads(options.Threads, resumed?.IntraOpThreads);
            notes.Add(threads.ToString());
        }
        catch
        {
            folderClaim.Dispose();
            throw;
        }
        (run, claim) = (folder, folderClaim);
        return folder.Path;
    }

    private TrainingResult Train(DataSplit data, ITrainingObserver observer, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        data.Train.EnsureShape(model.InputShape, model.Name);
        EnsureTargets(data.Train);
        EnsureTargets(data.Validation);
        data.Validation.EnsureShape(model.InputShape, model.Name);
        Open();
        var run = this.run!;
        // Here, not in Open: the count is a setting of the thread that runs the kernels, and Fit may run on another.
        IntraOpThreads.Apply(threads!.Threads);
        BindCodes(data.Train);
        var state = Start(run, data.Train.Count);
        var stepsPerEpoch = (data.Train.Count + settings.BatchSize - 1) / settings.BatchSize;
        var totalSteps = stepsPerEpoch * settings.Epochs;
        var logEvery = Math.Max(1, stepsPerEpoch / 20);
        observer.Started(new TrainingStart(model.Name, Device.ToString(), run.Path, settings.Epochs, stepsPerEpoch, state.GlobalStep,
                                           totalSteps, data.Train.Count, data.Validation.Count, resumed is not null));
        foreach (var note in notes) observer.Message(note);
        notes.Clear();
        sinceCheckpoint.Restart();

        if (state.GlobalStep == 0 && state.Epoch == 0 && !File.Exists(run.MetricsFile))
        {
            // Epoch 0: the untrained model, the baseline every later epoch is compared with.
            var untrained = Evaluator.Evaluate(Module, data.Validation, Device, ValidationSeed);
            var record = new EpochRecord(0, 0, LearningRateSchedule.At(settings, 0), 0, 0, null, untrained, false);
            MetricsLog.Append(run.MetricsFile, record);
            observer.EpochCompleted(record);
        }

        Module.train();
        while (state.Epoch < settings.Epochs && !state.StoppedEarly)
        {
            var epochClock = Stopwatch.StartNew();
            var stepTime = TimeSpan.Zero;
            var stepsThisSession = 0L;
            var lr = LearningRateSchedule.At(settings, state.Epoch);
            OptimizerFactory.SetLearningRate(Optimizer, lr);
            var order = SeededShuffle.Permutation(data.Train.Count, settings.Seed, state.Epoch);
            using var orderTensor = tensor(order, ScalarType.Int64).DetachFromDisposeScope();
            while (state.BatchInEpoch < stepsPerEpoch)
            {
                var start = state.BatchInEpoch * settings.BatchSize;
                var length = Math.Min(settings.BatchSize, data.Train.Count - start);
                var stepClock = Stopwatch.StartNew();
                TrainStep(data.Train, orderTensor, start, length, state, run);
                stepTime += stepClock.Elapsed;
                stepsThisSession++;
                state.BatchInEpoch++;
                state.GlobalStep++;
                var running = state.EpochLossSum / state.EpochSamples;
                observer.StepCompleted(new StepReport(state.GlobalStep, totalSteps, state.Epoch + 1, settings.Epochs, state.BatchInEpoch,
                                                      stepsPerEpoch, running, lr));
                if (state.GlobalStep % logEvery == 0) MetricsLog.Append(run.StepsFile, new StepRecord(state.GlobalStep, state.Epoch + 1, running));
                var stopHere = options.StopAfterStep is { } stop && state.GlobalStep >= stop;
                if (stopHere || cancellation.IsCancellationRequested || CheckpointDue(state))
                    SaveCheckpoint(run, state);
                if (stopHere || cancellation.IsCancellationRequested)
                {
                    observer.Message($"stopped after step {state.GlobalStep}; continue with --resume (checkpoint {run.LastCheckpoint})");
                    WriteReport(run, $"Stopped after step {state.GlobalStep} of {totalSteps}; resume to continue.", null);
                    return Result(run, null, state, finished: false, clock.Elapsed);
                }
            }
            FinishEpoch(data, run, state, epochClock.Elapsed, stepsThisSession == 0 ? 0 : stepTime.TotalMilliseconds / stepsThisSession, observer);
        }

        EvaluationMetrics? test = null;
        if (data.Test is not null)
        {
            test = Evaluator.Evaluate(Module, data.Test, Device, ValidationSeed);
            observer.Message($"test ({data.Test.Count} images): {test}");
        }
        Weights.Save(Module, run.FinalWeights, new Dictionary<string, string> { ["model"] = model.Name });
        var status = state.StoppedEarly
            ? $"Stopped early after epoch {state.Epoch}: no validation improvement for {Counts.Of(settings.EarlyStoppingPatience ?? 0, "epoch")} (best: epoch {state.BestEpoch})."
            : $"Finished {Counts.Of(state.Epoch, "epoch")} ({Counts.Of(state.GlobalStep, "step")}).";
        WriteReport(run, status, test);
        return Result(run, test, state, finished: true, clock.Elapsed);
    }

    /// <summary>
    /// A GLO model's codes for <paramref name="train"/>: made from the images (PCA or Gaussian) on a fresh run; on a resume
    /// the checkpoint's, which must count the same images.
    /// </summary>
    private void BindCodes(ImageDataset train)
    {
        if (!Module.LearnsCodes) return;
        if (Module.Codes is { } restored)
        {
            if (restored.Count != train.Count)
                throw new InvalidOperationException($"{model.Name} learnt one code per training image, {restored.Count} in its checkpoint, but the training data has {train.Count} images; resume with the same --data and --limit");
            return;
        }
        var learned = model.Latent!.Learned!;
        using var initial = LearnedCodes.Initial(train.Images, model.Latent.CodeShape[0], learned.Init, settings.Seed);
        Module.BindCodes(initial);
    }

    // A data set loaded for another target would fail in the first step with libtorch's words; say it in ours.
    private void EnsureTargets(ImageDataset set)
    {
        if (model.Target.Kind != TargetKind.Input && set.Targets is null)
            throw new ArgumentException($"{model.Name} compares its output with {model.Target}, but {set.Source} was loaded without targets; load it with DataSources.Load(..., target: definition.Target)");
    }

    private long ValidationSeed => SeededShuffle.DerivedSeed(settings.Seed, -1);

    // By steps, and by time: a first epoch longer than the interval is not lost to a kill.
    private bool CheckpointDue(TrainingState state) =>
        (options.CheckpointEverySteps > 0 && state.GlobalStep % options.CheckpointEverySteps == 0)
        || (options.CheckpointInterval > TimeSpan.Zero && sinceCheckpoint.Elapsed >= options.CheckpointInterval);

    private void SaveCheckpoint(RunFolder run, TrainingState state)
    {
        Checkpoint.Save(run.LastCheckpoint, Module, Optimizer, state);
        sinceCheckpoint.Restart();
    }

    private (RunFolder, RunLock) OpenRunFolder()
    {
        if (options.Resume)
        {
            if (options.RunFolder is null) throw new InvalidOperationException("--resume needs the run folder to continue (TrainerOptions.RunFolder)");
            var existing = new RunFolder(options.RunFolder);
            if (!Directory.Exists(existing.Path))
                throw new DirectoryNotFoundException($"cannot resume: {existing.Path} does not exist; pass --resume <run folder>");
            var existingClaim = Claim(existing);
            if (File.Exists(existing.LastCheckpoint)) return (existing, existingClaim);
            if (!existing.HoldsRun)
            {
                existingClaim.Dispose();
                throw new FileNotFoundException($"cannot resume: {existing.Path} holds no run (neither checkpoints/last.safetensors nor metrics.jsonl); pass a run folder, or train without --resume to start a run there", existing.LastCheckpoint);
            }
            // Killed before its first checkpoint: nothing was kept to continue, so the run starts over.
            notes.Add($"{existing.Path} has no checkpoint yet (the run stopped before its first): training it from step 0");
            ClearUnfinishedRun(existing);
            return (existing, existingClaim);
        }
        if (options.RunFolder is null)
        {
            var created = Writable(options.RunsRoot, () => RunFolder.CreateNew(options.RunsRoot, model.Name, DateTime.Now));
            return (created, Writable(created.Path, () => Claim(created)));
        }
        var folder = new RunFolder(options.RunFolder);
        if (File.Exists(folder.Path))
            throw new IOException($"--out {folder.Path} is a file; train writes a run folder there: choose a folder");
        var folderClaim = Writable(folder.Path, () =>
        {
            folder.Create();
            return Claim(folder);
        });
        if (File.Exists(folder.LastCheckpoint))
        {
            folderClaim.Dispose();
            throw new InvalidOperationException($"{folder.Path} already holds a run: pass --resume to continue it, or choose another --out");
        }
        if (folder.HoldsRun)
        {
            notes.Add($"{folder.Path} holds a run that stopped before its first checkpoint: starting it again from step 0");
            ClearUnfinishedRun(folder);
        }
        return (folder, folderClaim);
    }

    private static RunLock Claim(RunFolder folder) => RunLock.Acquire(folder.Path);

    // What a run killed before its first checkpoint leaves (the epoch-0 line, step lines, a best-weights file written
    // just before the checkpoint); the summary and the report are rewritten anyway.
    private static void ClearUnfinishedRun(RunFolder folder)
    {
        foreach (var file in new[] { folder.MetricsFile, folder.StepsFile, folder.BestCheckpoint }) File.Delete(file);
    }

    /// <summary>Runs <paramref name="create"/>; a folder that cannot be created or written becomes one line naming it.</summary>
    private static T Writable<T>(string path, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{Path.GetFullPath(path)}: the folder cannot be written ({WhyNotWritable(path, e)}); choose another --out", e);
        }
    }

    // .NET's own words mislead here: a folder under a regular file is "Could not find a part of the path", and /proc
    // refuses new files with "Could not find file".
    private static string WhyNotWritable(string path, Exception e)
    {
        var ancestor = Path.GetFullPath(path);
        while (!Path.Exists(ancestor) && Path.GetDirectoryName(ancestor) is { } parent) ancestor = parent;
        if (File.Exists(ancestor)) return $"{ancestor} is a file, not a folder";
        return e switch
        {
            UnauthorizedAccessException => "permission denied",
            FileNotFoundException or DirectoryNotFoundException => $"the file system at {ancestor} does not allow creating files",
            _ => e.Message,
        };
    }

    private TrainingState Restore(RunFolder folder)
    {
        TrainingState state;
        try
        {
            state = Checkpoint.Restore(folder.LastCheckpoint, Module, Optimizer);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{folder.LastCheckpoint}: the training state in its metadata is not valid JSON ({e.Message}); the checkpoint is damaged: resume from a copy of the run, or start a new run without --resume", e);
        }
        state.EnsureResumable(model.Name, settings, null, folder.LastCheckpoint);
        if (state.Epoch >= settings.Epochs || state.StoppedEarly)
            throw new InvalidOperationException(state.StoppedEarly
                ? $"nothing to resume: {folder.Path} stopped early after epoch {state.Epoch}; start a new run (without --resume) to train again, or use eval to measure it"
                : $"nothing to resume: {folder.Path} already finished its {Counts.Of(state.Epoch, "epoch")}; pass --epochs with more than {state.Epoch} to train it further, or use eval to measure it");
        // What a resume changes is applied and said, never ignored: the learning rate from the resumed step on
        // (the schedule is a closed form of the epoch and the base rate), the number of epochs to the end.
        if (state.LearningRate is { } before && before != settings.LearningRate)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"learning rate changed from {before:G6} to {settings.LearningRate:G6} from step {state.GlobalStep + 1} on"));
        if (state.Epochs is { } planned && planned != settings.Epochs)
            notes.Add($"epochs changed from {planned} to {settings.Epochs}");
        state.LearningRate = settings.LearningRate;
        state.Epochs = settings.Epochs;
        return state;
    }

    private TrainingState Start(RunFolder run, long trainCount)
    {
        if (resumed is null)
        {
            File.WriteAllText(run.SummaryFile, model.SummaryText);
            return new TrainingState
            {
                Model = model.Name, Seed = settings.Seed, BatchSize = settings.BatchSize, TrainCount = trainCount,
                Optimizer = settings.Optimizer.ToString(), Schedule = settings.Schedule.ToString(),
                Data = options.Data, Limit = options.Limit, HoldoutClass = options.HoldoutClass, LearningRate = settings.LearningRate, Epochs = settings.Epochs,
                IntraOpThreads = threads!.Threads,
            };
        }
        resumed.EnsureResumable(model.Name, settings, trainCount, run.LastCheckpoint);
        MetricsLog.TruncateAfter(run.MetricsFile, resumed.Epoch, resumed.GlobalStep);
        MetricsLog.TruncateAfter(run.StepsFile, resumed.Epoch, resumed.GlobalStep);
        resumed.IntraOpThreads = threads!.Threads;
        return resumed;
    }

    private void TrainStep(ImageDataset train, Tensor order, long start, long length, TrainingState state, RunFolder run)
    {
        using var scope = NewDisposeScope();
        // Reseeding per step makes corruption and dropout a function of the step alone, so a resumed run draws
        // the same noise as an uninterrupted one.
        TrainingDevice.Seed(SeededShuffle.DerivedSeed(settings.Seed, state.GlobalStep));
        var indices = order.narrow(0, start, length);
        var clean = train.Batch(indices).to(Device);
        var target = train.Targets is null ? clean : train.TargetBatch(indices).to(Device);
        // GLO has no input to encode: each training image decodes from its own learned code.
        var codeRows = Module.Codes is null ? null : indices.to(Device);
        var loss = codeRows is null ? Module.ComputeLoss(Module.Corrupt(clean), target) : Module.ComputeLoss(Module.RunCodes(codeRows), target);
        var total = loss.Total.item<float>();
        var terms = loss.Terms.Select(t => new KeyValuePair<string, double>(t.Name, t.Value.item<float>())).ToList();
        if (!float.IsFinite(total))
        {
            var bad = terms.FirstOrDefault(t => !double.IsFinite(t.Value));
            throw new TrainingDivergedException(state.GlobalStep + 1, state.Epoch + 1, bad.Key ?? "total", bad.Key is null ? total : bad.Value,
                                                Checkpoint.LastGood(run.LastCheckpoint));
        }
        Optimizer.zero_grad();
        loss.Total.backward();
        if (settings.GradientClip is { } maxNorm) nn.utils.clip_grad_norm_(Module.parameters(), maxNorm);
        Optimizer.step();
        if (codeRows is not null)
        {
            // The codes follow the network's schedule from their own base rate.
            var codeLearningRate = (model.Latent?.Learned?.CodeLearningRate ?? settings.LearningRate) * OptimizerFactory.LearningRate(Optimizer) / settings.LearningRate;
            Module.Codes!.Step(codeRows, codeLearningRate, settings.Beta1, settings.Beta2);
        }
        state.EpochLossSum += total * length;
        foreach (var (name, value) in terms) state.EpochTermSums[name] = state.EpochTermSums.GetValueOrDefault(name) + value * length;
        state.EpochSamples += length;
    }

    private void FinishEpoch(DataSplit data, RunFolder run, TrainingState state, TimeSpan elapsed, double stepMs, ITrainingObserver observer)
    {
        var epoch = state.Epoch + 1;
        var validation = Evaluator.Evaluate(Module, data.Validation, Device, ValidationSeed);
        // A GLO model's training images are measured through their own learned codes, not codes fitted anew.
        var trainImages = Evaluator.Evaluate(Module, data.Train, Device, ValidationSeed, maxSamples: Math.Min(options.TrainMetricSamples, data.Validation.Count),
                                             learnedCodes: Module.Codes is not null);
        var samples = Math.Max(1, state.EpochSamples);
        var train = trainImages with
        {
            Loss = state.EpochLossSum / samples,
            Terms = state.EpochTermSums.ToDictionary(kv => kv.Key, kv => kv.Value / samples),
            Samples = state.EpochSamples,
        };
        var lr = LearningRateSchedule.At(settings, state.Epoch);
        var best = validation.Loss < state.BestValidationLoss;
        if (best)
        {
            (state.BestValidationLoss, state.BestEpoch, state.EpochsWithoutImprovement) = (validation.Loss, epoch, 0);
            Weights.Save(Module, run.BestCheckpoint, new Dictionary<string, string> { ["model"] = model.Name, ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture) });
        }
        else state.EpochsWithoutImprovement++;
        var record = new EpochRecord(epoch, state.GlobalStep, lr, elapsed.TotalSeconds, stepMs, train, validation, best);
        state.StoppedEarly = settings.EarlyStoppingPatience is { } patience && state.EpochsWithoutImprovement >= patience;
        state.StartNextEpoch();
        // The log line first, then the checkpoint: a kill in between resumes from the previous checkpoint,
        // which repeats this epoch's end, and TruncateAfter drops the line written here before it is rewritten.
        MetricsLog.Append(run.MetricsFile, record);
        SaveCheckpoint(run, state);
        if (Evaluator.PreviewRows(Module, data.Validation, Device, ValidationSeed, options.ReconstructionSamples) is { } rows)
        {
            try
            {
                ReconstructionGrid.Write(run.ReconstructionImage(epoch), rows);
            }
            finally
            {
                foreach (var row in rows) row.Dispose();
            }
        }
        observer.EpochCompleted(record);
        if (state.StoppedEarly) observer.Message($"early stopping: validation loss has not improved for {Counts.Of(state.EpochsWithoutImprovement, "epoch")} (best {state.BestValidationLoss:0.00000} at epoch {state.BestEpoch})");
        WriteReport(run, $"Epoch {epoch} of {settings.Epochs} done.", null);
        // An epoch's end allocates what steps do not (metrics, JSON, the report): collect it here, where a few
        // milliseconds do not matter, rather than let gen-2 garbage raise the resident memory epoch after epoch
        // until the GC's budget, which is large on a machine with plenty of memory (bench/memory/epochs.sh).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        // And the native side: the evaluation passes' freed tensors go back to the system instead of staying in glibc's heaps.
        FreedMemory.Release();
    }

    private void WriteReport(RunFolder run, string status, EvaluationMetrics? test)
    {
        File.WriteAllText(run.LossCurveFile, LossCurveSvg.Render($"{model.Name} loss", MetricsLog.ReadSteps(run.StepsFile), MetricsLog.ReadEpochs(run.MetricsFile)));
        HtmlReport.Write(run, model.Name, model.SummaryText, status, test, ReconstructionGrid.Caption(model.Target));
    }

    private static TrainingResult Result(RunFolder run, EvaluationMetrics? test, TrainingState state, bool finished, TimeSpan elapsed) =>
        new(run.Path, MetricsLog.ReadEpochs(run.MetricsFile), test, state.GlobalStep, finished, state.StoppedEarly, elapsed);

    private void Release()
    {
        claim?.Dispose();
        (run, claim, resumed) = (null, null, null);
    }

    /// <summary>Releases the run folder (when <see cref="Open"/> was called without <see cref="Fit"/>), disposes the optimiser and the module.</summary>
    public void Dispose()
    {
        Release();
        Optimizer.Dispose();
        Module.Dispose();
    }
}
