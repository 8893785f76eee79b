namespace DslAe.Training;

/// <summary>How one run is carried out; what is trained (epochs, batch, optimiser...) is the model's <see cref="TrainingSettings"/>.</summary>
public sealed record TrainerOptions
{
    /// <summary>The data the command line was given (<c>--data</c>), stored in checkpoints so that a resume can reuse it.</summary>
    public string? Data { get; init; }

    /// <summary>The command line's <c>--limit</c>, stored in checkpoints so that a resume can reuse it.</summary>
    public int? Limit { get; init; }

    /// <summary>The command line's <c>--holdout-class</c>, stored in checkpoints so that a resume can reuse it.</summary>
    public int? HoldoutClass { get; init; }

    /// <summary>"auto", "cpu", "cuda" or "cuda:N".</summary>
    public string Device { get; init; } = "auto";

    /// <summary>
    /// libtorch's intra-op thread count for the run (<c>--threads</c>); null: a resume keeps its recorded count, and a
    /// new run takes the cores other processes leave free when it starts (<see cref="IntraOpThreads"/>).
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>Makes the thread choice from <see cref="Threads"/> and the resumed run's recorded count; tests replace the machine's load.</summary>
    internal Func<int?, int?, ThreadChoice> ChooseThreads { get; init; } = IntraOpThreads.Choose;

    /// <summary>The run folder; null: a new folder runs/&lt;model&gt;-&lt;yyyyMMdd-HHmmss&gt; under <see cref="RunsRoot"/>.</summary>
    public string? RunFolder { get; init; }

    /// <summary>The folder new run folders are created under; default <see cref="Reports.RunFolder.DefaultRoot"/>.</summary>
    public string RunsRoot { get; init; } = Reports.RunFolder.DefaultRoot;

    /// <summary>Continue the run in <see cref="RunFolder"/> from its last checkpoint.</summary>
    public bool Resume { get; init; }

    /// <summary>Also write the last checkpoint every this many steps (0: only at the end of each epoch).</summary>
    public int CheckpointEverySteps { get; init; } = 500;

    /// <summary>
    /// Also write the last checkpoint once this much training time has passed since the last one (zero or less: never
    /// by time), so that a kill during a long first epoch, before any step count is reached, loses at most this much.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Stop once this many steps are done in all (after writing the checkpoint), as if the process were killed
    /// there: a later <see cref="Resume"/> continues. For time-boxed runs and for testing resumption.
    /// </summary>
    public long? StopAfterStep { get; init; }

    /// <summary>Samples in each epoch's reconstructions grid.</summary>
    public int ReconstructionSamples { get; init; } = 8;

    /// <summary>Training images whose MSE/PSNR/SSIM are measured after each epoch (at most the validation set's size).</summary>
    public long TrainMetricSamples { get; init; } = 2000;
}
