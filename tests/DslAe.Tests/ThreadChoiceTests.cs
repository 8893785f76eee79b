using System.Diagnostics;
using DslAe.Data;
using DslAe.Reports;
using DslAe.Training;
using static TorchSharp.torch;

namespace DslAe.Tests;

/// <summary>
/// A run's CPU thread count is chosen once, from what was asked, what a resumed run recorded, OMP_NUM_THREADS and the
/// cores other processes leave free; it is kept in the checkpoint, because another count trains other weights.
/// </summary>
public sealed class ThreadChoiceTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly int threadsBefore = get_num_threads();

    public void Dispose()
    {
        set_num_threads(threadsBefore);
        folder.Dispose();
    }

    private static Func<double?> Load(double? busyCores) => () => busyCores;
    private static Func<double?> NotSampled => () => throw new InvalidOperationException("the load was sampled, though the count was already decided");

    [Theory]
    [InlineData(0.0, 2, 2)]
    [InlineData(0.4, 2, 2)]    // a core mostly free is used
    [InlineData(0.6, 2, 1)]
    [InlineData(1.0, 2, 1)]    // one busy loop
    [InlineData(2.0, 2, 1)]    // a second trainer: never fewer than one
    [InlineData(3.0, 8, 5)]
    [InlineData(0.0, 1, 1)]
    public void A_new_run_takes_the_cores_other_processes_leave_free(double busy, int cores, int expected)
    {
        var choice = IntraOpThreads.Choose(null, null, null, cores, Load(busy));
        Assert.Equal(expected, choice.Threads);
        Assert.Contains("--threads N pins the count", choice.Reason);
        if (expected < cores) Assert.Contains($"using {busy:0.0} of the {cores} cores", choice.Reason);
    }

    [Fact]
    public void An_unreadable_load_means_every_core()
    {
        var choice = IntraOpThreads.Choose(null, null, null, 4, Load(null));
        Assert.Equal(4, choice.Threads);
        Assert.Contains("could not be read", choice.Reason);
    }

    [Fact]
    public void Asked_beats_recorded_beats_OMP_NUM_THREADS_beats_the_load()
    {
        Assert.Equal(new ThreadChoice(3, "--threads 3"), IntraOpThreads.Choose(3, null, 2, 4, NotSampled));
        var changed = IntraOpThreads.Choose(3, 1, 2, 4, NotSampled);
        Assert.Equal(3, changed.Threads);
        Assert.Contains("trained with 1 until now", changed.Reason);  // a resume that changes it is told what that costs
        Assert.Equal("--threads 1", IntraOpThreads.Choose(1, 1, 2, 4, NotSampled).Reason);
        var kept = IntraOpThreads.Choose(null, 1, 2, 4, NotSampled);
        Assert.Equal(1, kept.Threads);
        Assert.Contains("as the run recorded", kept.Reason);
        Assert.Equal(new ThreadChoice(2, "OMP_NUM_THREADS=2"), IntraOpThreads.Choose(null, null, 2, 4, NotSampled));
        Assert.Equal("1 CPU thread: OMP_NUM_THREADS=1", IntraOpThreads.Choose(null, null, 1, 4, NotSampled).ToString());
    }

    [Fact]
    public void Proc_stat_readings_give_other_processes_busy_cores_without_this_ones()
    {
        // Two cores; user nice system idle iowait irq softirq steal guest guest_nice. Between the readings 200 ticks
        // pass (100 per core): 150 busy, of which this process (named with a space and a parenthesis) spent 50.
        const string statBefore = "cpu  1000 0 500 8000 100 0 0 0 0 0\ncpu0 500 0 250 4000 50 0 0 0 0 0\ncpu1 500 0 250 4000 50 0 0 0 0 0\nintr 1\n";
        const string statAfter = "cpu  1100 0 550 8040 110 0 0 0 0 0\ncpu0 550 0 275 4020 55 0 0 0 0 0\ncpu1 550 0 275 4020 55 0 0 0 0 0\nintr 2\n";
        const string selfBefore = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 300 100 0 0 20 0 30 0 1 1 1\n";
        const string selfAfter = "4242 (dotnet (x) y) R 1 4242 4242 0 -1 4194560 100 0 0 0 340 110 0 0 20 0 30 0 1 1 1\n";
        var before = CpuLoad.Parse(statBefore, selfBefore);
        var after = CpuLoad.Parse(statAfter, selfAfter);
        Assert.Equal(new CpuLoad.Reading(1500, 9600, 400, 2), before);
        Assert.Equal(2, after!.Value.Cores);
        Assert.Equal(1.0, CpuLoad.OthersBusyCores(before!.Value, after.Value)!.Value, 9);  // (150 - 50) / 200 x 2 cores

        Assert.Null(CpuLoad.Parse("intr 1\n", selfBefore));
        Assert.Null(CpuLoad.Parse(statBefore, "4242 dotnet S 1"));
        Assert.Null(CpuLoad.Parse("cpu  1 x 3 4\ncpu0 1 2 3 4\n", selfBefore));
    }

    [Fact]
    public void A_busy_process_beside_this_one_is_seen()
    {
        if (!File.Exists("/proc/stat")) return;  // the counters are Linux's; elsewhere the load is unknown by design
        using var busy = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })!;
        try
        {
            Thread.Sleep(100);
            var seen = CpuLoad.OthersBusyCores(TimeSpan.FromMilliseconds(600));
            Assert.NotNull(seen);
            // One core's loop, minus what the scheduler gives to whatever else runs here.
            Assert.True(seen >= 0.5, $"a busy loop beside the tests showed as {seen} busy cores");
        }
        finally
        {
            busy.Kill();
        }
    }

    [Fact]
    public void A_resume_keeps_the_thread_count_its_run_recorded_and_ends_with_an_uninterrupted_runs_weights()
    {
        var model = TinyDenoiser.Definition;
        using var data = TestData.Split(544, 64);
        // The resumed half would take both cores of an idle machine if the record were ignored.
        TrainerOptions Options(string name) => new()
        {
            Device = "cpu", RunFolder = folder.File(name), ChooseThreads = (asked, recorded) => IntraOpThreads.Choose(asked, recorded, null, 2, Load(0.0)),
        };

        using var straight = new Trainer(model, model.Training, Options("straight") with { Threads = 1 });
        straight.Fit(data);
        using (var first = new Trainer(model, model.Training, Options("resumed") with { Threads = 1, StopAfterStep = 40 }))
        {
            first.Fit(data);
            Assert.Equal(1, Checkpoint.Verify(new RunFolder(folder.File("resumed")).LastCheckpoint).IntraOpThreads);
        }
        var messages = new List<string>();
        using var second = new Trainer(model, model.Training, Options("resumed") with { Resume = true });
        second.Fit(data, new MessageLog(messages));

        Assert.Equal(1, second.Threads!.Threads);
        Assert.Contains(messages, m => m.StartsWith("1 CPU thread: as the run recorded", StringComparison.Ordinal));
        Assert.Equal(1, Checkpoint.Verify(new RunFolder(folder.File("resumed")).LastCheckpoint).IntraOpThreads);
        foreach (var (name, expected) in straight.Module.state_dict())
            Assert.True(expected.data<float>().ToArray().SequenceEqual(second.Module.state_dict()[name].data<float>().ToArray()), $"{name} differs after the resume");
    }

    [Fact]
    public void A_new_run_says_its_count_and_records_it()
    {
        var model = TinyAe.Definition;
        using var data = TestData.Split(64, 32);
        var messages = new List<string>();
        using var trainer = new Trainer(model, model.Training with { Epochs = 1 }, new TrainerOptions
        {
            Device = "cpu", RunFolder = folder.File("run"), ChooseThreads = (asked, recorded) => IntraOpThreads.Choose(asked, recorded, null, 2, Load(1.2)),
        });
        trainer.Fit(data, new MessageLog(messages));

        Assert.Equal(1, get_num_threads());
        Assert.Contains(messages, m => m.StartsWith("1 CPU thread: other processes were using 1.2 of the 2 cores", StringComparison.Ordinal));
        Assert.Equal(1, Checkpoint.Verify(new RunFolder(folder.File("run")).LastCheckpoint).IntraOpThreads);
    }

    private sealed class MessageLog(List<string> messages) : ITrainingObserver
    {
        public void Started(TrainingStart start) { }
        public void StepCompleted(StepReport step) { }
        public void EpochCompleted(EpochRecord epoch) { }
        public void Message(string text) => messages.Add(text);
    }
}
