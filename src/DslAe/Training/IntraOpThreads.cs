using System.Globalization;
using DslAe.Reports;
using static TorchSharp.torch;

namespace DslAe.Training;

/// <summary>The number of libtorch intra-op threads a run uses, and why: said once when the run starts.</summary>
/// <param name="Threads">Threads for libtorch's CPU kernels (at least 1).</param>
/// <param name="Reason">Where the number came from, in words, for the run's log.</param>
public sealed record ThreadChoice(int Threads, string Reason)
{
    /// <summary>The log line: "2 CPU threads: ...".</summary>
    public override string ToString() => $"{Counts.Of(Threads, "CPU thread")}: {Reason}";
}

/// <summary>
/// Chooses libtorch's intra-op thread count once, when a run starts, and keeps it for the whole run: a CPU kernel
/// split over another number of threads sums in another order, so the trained weights depend on the count (each count
/// reproducibly; bench/DslAe.Bench digest). Two threads on two cores are 1.2-1.4x faster than one on a quiet machine,
/// but when another process holds a core, each step waits for the thread that has none: 1.3-3.3x slower than one
/// thread (bench/threads/run.sh, docs/training.md#cpu-threads). So the run takes the cores that are free when it starts.
/// </summary>
public static class IntraOpThreads
{
    /// <summary>The most threads <c>--threads</c> and a checkpoint may name.</summary>
    public const int Max = 1024;

    /// <summary>How long other processes' use of the cores is sampled before a run chooses.</summary>
    public static readonly TimeSpan LoadWindow = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// In order: the count asked for (<c>--threads</c>), the count a resumed run recorded (so that it continues
    /// exactly as an uninterrupted run would), OMP_NUM_THREADS, and else the cores that other processes left free
    /// while <paramref name="othersBusyCores"/> sampled them (at least one; all of them where the load is unknown).
    /// </summary>
    /// <param name="requested">The count asked for; null: choose.</param>
    /// <param name="recorded">The count of the run being resumed; null: a new run, or a checkpoint older than the record.</param>
    /// <param name="environment">OMP_NUM_THREADS, when it is set to a positive number.</param>
    /// <param name="cores">The cores this process may use.</param>
    /// <param name="othersBusyCores">Samples the cores other processes keep busy (<see cref="CpuLoad"/>); null result: unknown.</param>
    public static ThreadChoice Choose(int? requested, int? recorded, int? environment, int cores, Func<double?> othersBusyCores)
    {
        if (requested is { } asked)
            return new(asked, recorded is { } before && before != asked
                ? $"--threads {asked}; the run trained with {before} until now, so from here on its weights differ from an uninterrupted run's"
                : $"--threads {asked}");
        if (recorded is { } kept) return new(kept, "as the run recorded, so that it continues exactly (--threads N changes it)");
        if (environment is { } set) return new(set, $"OMP_NUM_THREADS={set}");
        if (othersBusyCores() is not { } busy) return new(cores, $"all {cores} cores (the machine's load could not be read; --threads N pins the count)");
        var free = Math.Clamp((int)Math.Floor(cores - busy + 0.5), 1, cores);
        var load = busy.ToString("0.0", CultureInfo.InvariantCulture);
        return free == cores
            ? new(cores, $"the {Counts.Of(cores, "core")} were free when training started (other processes used {load}; --threads N pins the count)")
            : new(free, $"other processes were using {load} of the {Counts.Of(cores, "core")} when training started, and a thread that waits for a busy core slows every step (--threads N pins the count)");
    }

    /// <summary>The choice for a run from the process's settings and the machine's load now.</summary>
    public static ThreadChoice Choose(int? requested, int? recorded) =>
        Choose(requested, recorded, FromEnvironment(), Environment.ProcessorCount, () => CpuLoad.OthersBusyCores(LoadWindow));

    /// <summary>OMP_NUM_THREADS when it names a positive count; null when unset or not a count.</summary>
    public static int? FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("OMP_NUM_THREADS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= Max ? n : null;

    /// <summary>
    /// Sets the count for libtorch. Call it on the thread that runs the kernels: with libtorch's OpenMP backend the
    /// count is an OpenMP setting of each thread, which a thread copies from the process-wide value only the first
    /// time it runs a kernel.
    /// </summary>
    public static void Apply(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (get_num_threads() != threads) set_num_threads(threads);
    }
}
