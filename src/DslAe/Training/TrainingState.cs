namespace DslAe.Training;

/// <summary>
/// Where a run stands, saved in every checkpoint so that a resumed run replays exactly what an uninterrupted
/// one would have done. The batch order of epoch e is <c>SeededShuffle.Permutation(TrainCount, Seed, e)</c> and
/// libtorch is reseeded before global step s with <c>SeededShuffle.DerivedSeed(Seed, s)</c>, so the position
/// (Epoch, BatchInEpoch, GlobalStep) plus the seed is the whole random state.
/// </summary>
public sealed record TrainingState
{
    /// <summary>The name of the model trained.</summary>
    public required string Model { get; init; }
    /// <summary>The run's seed; a resume must use the same.</summary>
    public required int Seed { get; init; }
    /// <summary>The run's batch size; a resume must use the same.</summary>
    public required int BatchSize { get; init; }
    /// <summary>Number of training images; a resume must train on as many.</summary>
    public required long TrainCount { get; init; }
    /// <summary>The optimiser's name (<see cref="OptimizerKind"/>); a resume must use the same.</summary>
    public required string Optimizer { get; init; }
    /// <summary>The learning-rate schedule's name (<see cref="DslAe.Schedule"/>); a resume must use the same.</summary>
    public required string Schedule { get; init; }

    /// <summary>The run's data as the command line named it (<c>--data</c>), for a resume that does not repeat it; null: declared.</summary>
    public string? Data { get; init; }

    /// <summary>The run's <c>--limit</c>, for a resume that does not repeat it; null: all images.</summary>
    public int? Limit { get; init; }

    /// <summary>The run's <c>--holdout-class</c>, for a resume that does not repeat it; null: every class.</summary>
    public int? HoldoutClass { get; init; }

    /// <summary>The base learning rate the run trains with now (a resume may change it, saying so); null in older checkpoints.</summary>
    public double? LearningRate { get; set; }

    /// <summary>The number of epochs the run is to train (a resume may change it); null in older checkpoints.</summary>
    public int? Epochs { get; set; }

    /// <summary>
    /// libtorch's intra-op thread count the run trains with (<see cref="Training.IntraOpThreads"/>): a resume keeps it, since
    /// another count sums in another order and gives other weights; null in older checkpoints.
    /// </summary>
    public int? IntraOpThreads { get; set; }

    /// <summary>The epoch in progress, 0-based (equal to the number of finished epochs).</summary>
    public int Epoch { get; set; }

    /// <summary>Batches of <see cref="Epoch"/> already trained.</summary>
    public long BatchInEpoch { get; set; }

    /// <summary>Optimiser steps taken since the start of the run.</summary>
    public long GlobalStep { get; set; }

    /// <summary>Sample-weighted sums of the training loss and its terms over the epoch in progress.</summary>
    public double EpochLossSum { get; set; }
    /// <summary>Sample-weighted sums of each unweighted loss term over the epoch in progress, by term name.</summary>
    public Dictionary<string, double> EpochTermSums { get; init; } = [];
    /// <summary>Training samples of the epoch in progress so far: the divisor of the sums.</summary>
    public long EpochSamples { get; set; }

    /// <summary>Early stopping: best validation loss so far, its epoch (1-based; 0 none), epochs since.</summary>
    public double BestValidationLoss { get; set; } = double.PositiveInfinity;
    /// <summary>The 1-based epoch of <see cref="BestValidationLoss"/>; 0 while there is none.</summary>
    public int BestEpoch { get; set; }
    /// <summary>Finished epochs since the validation loss last improved.</summary>
    public int EpochsWithoutImprovement { get; set; }

    /// <summary>True once early stopping ended the run.</summary>
    public bool StoppedEarly { get; set; }

    /// <summary>Moves to the next epoch: its batch position and loss sums start from zero.</summary>
    public void StartNextEpoch()
    {
        Epoch++;
        BatchInEpoch = 0;
        EpochLossSum = 0;
        EpochTermSums.Clear();
        EpochSamples = 0;
    }

    /// <summary>
    /// Fails, naming the difference, when a checkpoint cannot continue this run exactly. <paramref name="trainCount"/>
    /// null: the data is not loaded yet, and everything else is checked.
    /// </summary>
    public void EnsureResumable(string model, TrainingSettings settings, long? trainCount, string checkpoint)
    {
        var problems = new List<string>();
        if (!string.Equals(Model, model, StringComparison.Ordinal)) problems.Add($"it is a checkpoint of {Model}, not {model}");
        if (Seed != settings.Seed) problems.Add($"it was trained with --seed {Seed}, not {settings.Seed}");
        if (BatchSize != settings.BatchSize) problems.Add($"it was trained with --batch {BatchSize}, not {settings.BatchSize}");
        if (Optimizer != settings.Optimizer.ToString()) problems.Add($"it was trained with the {Optimizer} optimiser, not {settings.Optimizer}");
        if (Schedule != settings.Schedule.ToString()) problems.Add($"it was trained with the learning-rate schedule {Schedule}, not {settings.Schedule}");
        if (trainCount is { } count && TrainCount != count) problems.Add($"it was trained on {TrainCount} training images, not {count} (same --data and --limit?)");
        if (problems.Count > 0)
            throw new InvalidOperationException($"cannot resume from {checkpoint}: {string.Join("; ", problems)}. Resume with the run's original settings, or start a new run without --resume.");
    }
}
