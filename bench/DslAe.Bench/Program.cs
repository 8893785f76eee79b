using System.Diagnostics;
using System.Globalization;
using DslAe.Bench;
using DslAe.Data;
using DslAe.Training;
using FashionAutoencoder;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

// Usage (bench/README.md; bench/train-step/run.sh runs these interleaved with PyTorch):
//   step <generated|handwritten|trainer> <images> <warm-up steps> <timed steps>   -> median ms of one training step
//   paired <images> <warm-up steps> <timed steps>   -> generated and hand-written steps alternating in one process:
//                                                      "<generated ms> <hand-written ms> <ratio>" (medians; ratio of the medians)
//   rss <steps> <warm-up steps> <sample every>                                    -> RSS of the trainer's step over a long run
//   epochs <train images> <validation images> <epochs>   -> RSS at every epoch end of Trainer.Fit (evaluation, grid,
//                                                          checkpoint, report included): "<epoch> <step> <rss MiB> <managed MiB>"
//                                                          (DSLAE_BENCH_TICKS=1: then the bytes allocated, by type)
//   digest <steps>   -> "<threads> threads: <SHA-256 prefix of every parameter>" after <steps> seeded trainer steps
//   peak <batch>     -> the resident-memory peak of one trainer step at <batch> above the memory before it, against
//                       the compile-time estimate (FashionAe's Summary.StepBytes x batch): "<batch> <measured MiB> <estimate MiB> <ratio>"
// Every variant: FashionAe, batch 64, Adam lr 2e-3, Fashion-MNIST's first <images> images, a dispose scope per step.
var command = args.Length > 0 ? args[0] : "step";
// The thread setting under test (bench/threads/run.sh sets OMP_NUM_THREADS), else every core; not the trainer's
// choice by load, which would differ from run to run.
var threads = BenchThreads();
IntraOpThreads.Apply(threads);
Console.Error.WriteLine($"{threads} intra-op threads");
using var images = FashionMnist.LoadTrain(FashionMnist.DefaultFolder);
switch (command)
{
    case "step":
        {
            var variant = args[1];
            var (count, warmup, timed) = (Int(args[2]), Int(args[3]), Int(args[4]));
            using var data = images.Take(count);
            var median = variant switch
            {
                "generated" => ModuleSteps(FashionAe.CreateModule(), data, warmup, timed, (m, x) => ((DslAe.AutoencoderModule)m).ComputeLoss(x, x).Total),
                "handwritten" => ModuleSteps(new HandWrittenFashionAe(), data, warmup, timed, (m, x) => F.mse_loss(((HandWrittenFashionAe)m).call(x), x)),
                "trainer" => TrainerSteps(data, warmup, timed),
                _ => throw new ArgumentException($"unknown variant {variant}: generated, handwritten or trainer"),
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{median:F3}"));
            break;
        }
    case "paired":
        {
            var (count, warmup, timed) = (Int(args[1]), Int(args[2]), Int(args[3]));
            using var data = images.Take(count);
            var (generated, handwritten) = PairedSteps(data, warmup, timed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{generated:F3} {handwritten:F3} {generated / handwritten:F4}"));
            break;
        }
    case "rss":
        Rss(images, Int(args[1]), Int(args[2]), Int(args[3]));
        break;
    case "epochs":
        Epochs(images, Int(args[1]), Int(args[2]), Int(args[3]));
        break;
    case "digest":
        Digest(images, Int(args[1]));
        break;
    case "peak":
        Peak(images, Int(args[1]));
        break;
    default:
        throw new ArgumentException("usage: step <generated|handwritten|trainer> <images> <warm-up> <timed> | paired <images> <warm-up> <timed> | rss <steps> <warm-up> <every> | epochs <train> <validation> <epochs> | digest <steps> | peak <batch>");
}

// Both modules in one process, one step of each in turn on the same batch, so the machine's changing state (other
// processes, frequency, cache) weighs on both alike; what differs is only the module's code.
static (double Generated, double HandWritten) PairedSteps(ImageDataset data, int warmup, int timed)
{
    using (manual_seed(42)) { }
    using var generated = FashionAe.CreateModule();
    using var handwritten = new HandWrittenFashionAe();
    using var adamG = optim.Adam(generated.parameters(), 2e-3);
    using var adamH = optim.Adam(handwritten.parameters(), 2e-3);
    var order = SeededShuffle.Permutation(data.Count, 42, 0);
    using var orderTensor = tensor(order, ScalarType.Int64);
    var batches = (int)((data.Count + 63) / 64);
    var (timesG, timesH) = (new List<double>(timed), new List<double>(timed));
    for (var step = 0; step < warmup + timed; step++)
    {
        var start = step % batches * 64L;
        using var x = data.Batch(orderTensor.narrow(0, start, Math.Min(64, data.Count - start)));
        // Alternate which module goes first, so neither always finds the other's data in the cache.
        var generatedFirst = step % 2 == 0;
        for (var k = 0; k < 2; k++)
        {
            var isGenerated = generatedFirst == (k == 0);
            var clock = Stopwatch.StartNew();
            using (NewDisposeScope())
            {
                var value = isGenerated ? generated.ComputeLoss(x, x).Total : F.mse_loss(handwritten.call(x), x);
                _ = value.item<float>();
                var adam = isGenerated ? adamG : adamH;
                adam.zero_grad();
                value.backward();
                adam.step();
            }
            if (step >= warmup) (isGenerated ? timesG : timesH).Add(clock.Elapsed.TotalMilliseconds);
        }
    }
    return (Median(timesG), Median(timesH));
}

// DSLAE_BENCH_THREADS=auto: the trainer's own choice from the machine's load (bench/threads/run.sh's "dslae").
static int BenchThreads() => Environment.GetEnvironmentVariable("DSLAE_BENCH_THREADS") == "auto"
    ? IntraOpThreads.Choose(null, null).Threads
    : IntraOpThreads.FromEnvironment() ?? Environment.ProcessorCount;

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

// The loop of DslAe's trainer around any module: a shuffled batch cut from one tensor, forward, loss, loss.item()
// (the trainer's NaN check), zero_grad, backward, Adam step; per-step times, median of the timed ones.
static double ModuleSteps(nn.Module module, ImageDataset data, int warmup, int timed, Func<nn.Module, Tensor, Tensor> loss)
{
    using (manual_seed(42)) { }
    using var adam = optim.Adam(module.parameters(), 2e-3);
    var times = new List<double>(timed);
    var order = SeededShuffle.Permutation(data.Count, 42, 0);
    using var orderTensor = tensor(order, ScalarType.Int64);
    var batches = (int)((data.Count + 63) / 64);
    for (var step = 0; step < warmup + timed; step++)
    {
        var clock = Stopwatch.StartNew();
        using (NewDisposeScope())
        {
            var start = step % batches * 64L;
            var x = data.Batch(orderTensor.narrow(0, start, Math.Min(64, data.Count - start)));
            var value = loss(module, x);
            _ = value.item<float>();
            adam.zero_grad();
            value.backward();
            adam.step();
        }
        if (step >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
    }
    module.Dispose();
    return Median(times);
}

// DslAe's own Trainer (reseeding, corruption hook, each loss term's item, metrics): its step times over one epoch of
// <count> images after a first epoch of warm-up, as the trainer itself logs them (metrics.jsonl step_ms is a mean,
// so this reads the per-step observer instead).
static double TrainerSteps(ImageDataset data, int warmup, int timed)
{
    var settings = FashionAe.Definition.Training with { Epochs = 1 };
    var split = data.Split(0.02, 42);
    using var dataSplit = new DataSplit(split.Train, split.Validation, null);
    var folder = Directory.CreateTempSubdirectory("dslae-bench-").FullName;
    try
    {
        var observer = new StepClock(warmup);
        using var trainer = new Trainer(FashionAe.Definition, settings with { Epochs = Math.Max(1, (int)Math.Ceiling((warmup + timed) * 64.0 / dataSplit.Train.Count)) },
            new TrainerOptions { Device = "cpu", Threads = BenchThreads(), RunFolder = Path.Combine(folder, "run"), CheckpointEverySteps = 0, StopAfterStep = warmup + timed });
        trainer.Fit(dataSplit, observer);
        return Median(observer.Times);
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

static void Rss(ImageDataset data, int steps, int warmup, int every)
{
    var settings = FashionAe.Definition.Training;
    using var module = FashionAe.CreateModule();
    using var adam = OptimizerFactory.Create(settings, module.parameters());
    var order = SeededShuffle.Permutation(data.Count, 42, 0);
    using var orderTensor = tensor(order, ScalarType.Int64);
    var batches = (int)(data.Count / 64);
    var clock = Stopwatch.StartNew();
    Console.WriteLine("step rss_mib elapsed_s managed_heap_mib");
    for (var step = 1; step <= steps; step++)
    {
        using (NewDisposeScope())
            TrainerStep(module, adam, data.Batch(orderTensor.narrow(0, step % batches * 64L, 64)), step);
        if (step == warmup || (step > warmup && step % every == 0))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step} {RssMiB():F1} {clock.Elapsed.TotalSeconds:F0} {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F1}"));
    }
}

// The whole trainer, so what runs once per epoch (validation and train metrics, the reconstruction grid, the
// checkpoint, metrics.jsonl, the SVG and HTML report) is measured too: a small training set makes epochs short and
// many, the validation set is as large as asked.
static void Epochs(ImageDataset data, int trainCount, int validationCount, int epochs)
{
    var (train, validation) = data.Split(validationCount / (double)data.Count, 42);
    using var split = new DataSplit(train.Take(trainCount), validation, null);
    train.Dispose();
    var folder = Directory.CreateTempSubdirectory("dslae-bench-epochs-").FullName;
    try
    {
        Console.WriteLine("epoch step rss_mib managed_heap_mib");
        using var trainer = new Trainer(FashionAe.Definition, FashionAe.Definition.Training with { Epochs = epochs },
            new TrainerOptions { Device = "cpu", Threads = BenchThreads(), RunFolder = Path.Combine(folder, "run"), CheckpointEverySteps = 0 });
        using var ticks = Environment.GetEnvironmentVariable("DSLAE_BENCH_TICKS") == "1" ? new AllocationTicks() : null;
        trainer.Fit(split, new EpochRss());
        if (ticks is not null)
            lock (ticks.Bytes)
                foreach (var (type, bytes) in ticks.Bytes.OrderByDescending(kv => kv.Value).Take(12))
                    Console.WriteLine($"{bytes / 1048576.0,10:F1} MiB  {type}");
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

// SHA-256 of every parameter after <steps> seeded steps: equal digests under different OMP_NUM_THREADS mean the
// thread count does not change the numbers, so it may change during a run without costing reproducibility.
static void Digest(ImageDataset data, int steps)
{
    TrainingDevice.Seed(42);
    using var module = FashionAe.CreateModule();
    using var adam = OptimizerFactory.Create(FashionAe.Definition.Training, module.parameters());
    var batches = (int)(data.Count / 64);
    for (var step = 1; step <= steps; step++)
    {
        using (NewDisposeScope())
            TrainerStep(module, adam, data.Batch(arange(step % batches * 64L, step % batches * 64L + 64, ScalarType.Int64)), step);
    }
    using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
    foreach (var (name, parameter) in module.named_parameters())
    {
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
        hash.AppendData(parameter.bytes);
    }
    Console.WriteLine($"{get_num_threads()} threads: {Convert.ToHexString(hash.GetHashAndReset())[..16]}");
}

// Large allocations are mmapped (mallopt), so a freed tensor leaves the resident set at once, and the peak (VmHWM,
// reset through /proc/self/clear_refs) is the step's own. Three steps first: Adam's state, thread pools, oneDNN's buffers.
static void Peak(ImageDataset data, int batch)
{
    _ = Native.mallopt(-3 /* M_MMAP_THRESHOLD */, 64 * 1024);
    TrainingDevice.Seed(42);
    using var module = FashionAe.CreateModule();
    using var adam = OptimizerFactory.Create(FashionAe.Definition.Training, module.parameters());
    using var x = data.Batch(arange(0L, batch, ScalarType.Int64));
    for (var step = 1; step <= 3; step++)
    {
        using (NewDisposeScope())
            TrainerStep(module, adam, x, step);
    }

    GC.Collect();
    GC.WaitForPendingFinalizers();
    var before = StatusMiB("VmRSS");
    File.WriteAllText("/proc/self/clear_refs", "5");
    using (NewDisposeScope())
        TrainerStep(module, adam, x, 4);
    var measured = StatusMiB("VmHWM") - before;
    var estimate = FashionAe.Definition.Summary.StepBytes * (double)batch / 1048576;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{batch} {measured:F1} {estimate:F1} {measured / estimate:F3}"));
}

// One step as DslAe's trainer takes it: reseeded from the run's seed and the step, corrupted input against the clean
// batch, the loss read back (the trainer's NaN check), then backward and the optimiser's step.
static void TrainerStep(DslAe.AutoencoderModule module, TorchSharp.Modules.OptimizerHelper adam, Tensor x, long step)
{
    TrainingDevice.Seed(SeededShuffle.DerivedSeed(42, step));
    var loss = module.ComputeLoss(module.Corrupt(x), x);
    _ = loss.Total.item<float>();
    adam.zero_grad();
    loss.Total.backward();
    adam.step();
}

static double RssMiB() => StatusMiB("VmRSS");

static double StatusMiB(string field)
{
    foreach (var line in File.ReadLines("/proc/self/status"))
        if (line.StartsWith(field + ":", StringComparison.Ordinal))
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    throw new InvalidOperationException($"no {field} in /proc/self/status");
}

static double Median(List<double> values)
{
    values.Sort();
    return values.Count == 0 ? double.NaN : values[values.Count / 2];
}

/// <summary>Prints RSS and the managed heap at every epoch end.</summary>
internal sealed class EpochRss : ITrainingObserver
{
    public void Started(TrainingStart start) { }

    public void StepCompleted(StepReport step) { }

    public void EpochCompleted(DslAe.Reports.EpochRecord record)
    {
        if (Environment.GetEnvironmentVariable("DSLAE_BENCH_GC") == "1")
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        var rss = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{record.Epoch} {record.Step} {double.Parse(rss, CultureInfo.InvariantCulture) / 1024:F1} {GC.GetTotalMemory(false) / 1048576.0:F1}"));
    }

    public void Message(string text) { }
}

/// <summary>Times between consecutive step reports of the trainer, after the warm-up steps.</summary>
internal sealed class StepClock(int warmup) : ITrainingObserver
{
    private readonly Stopwatch clock = new();

    public List<double> Times { get; } = [];

    public void Started(TrainingStart start) => clock.Restart();

    public void StepCompleted(StepReport step)
    {
        if (step.Step > warmup) Times.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
    }

    public void EpochCompleted(DslAe.Reports.EpochRecord record) => clock.Restart();

    public void Message(string text) { }
}

/// <summary>Samples the runtime's allocation ticks (one per ~100 KB allocated) by type, to find who allocates.</summary>
internal sealed class AllocationTicks : System.Diagnostics.Tracing.EventListener
{
    public Dictionary<string, long> Bytes { get; } = [];

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName != "GCAllocationTick_V4" || e.Payload is null) return;
        var type = e.Payload[e.PayloadNames!.IndexOf("TypeName")]?.ToString() ?? "?";
        var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        lock (Bytes) Bytes[type] = Bytes.GetValueOrDefault(type) + amount;
    }
}
