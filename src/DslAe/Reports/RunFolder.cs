using System.Globalization;

namespace DslAe.Reports;

/// <summary>
/// The folder of one training run (default <c>runs/&lt;model&gt;-&lt;yyyyMMdd-HHmmss&gt;/</c>) and the names of what
/// lives in it: metrics, checkpoints, images, the summary and the HTML report.
/// </summary>
public sealed class RunFolder
{
    /// <summary>The folder, relative to the working directory, under which new runs are created by default.</summary>
    public const string DefaultRoot = "runs";

    /// <summary>The run folder at <paramref name="path"/>, made absolute; nothing is created on disk.</summary>
    public RunFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; }

    /// <summary>One JSON object per line: an epoch's train and validation metrics.</summary>
    public string MetricsFile => Combine("metrics.jsonl");

    /// <summary>One JSON object per line: the running training loss every few steps (the loss curve).</summary>
    public string StepsFile => Combine("steps.jsonl");

    /// <summary>The folder of the checkpoints, <c>checkpoints/</c>.</summary>
    public string CheckpointsFolder => Combine("checkpoints");

    /// <summary>The checkpoint <c>--resume</c> continues from: written every few steps and at every epoch's end.</summary>
    public string LastCheckpoint => System.IO.Path.Combine(CheckpointsFolder, "last.safetensors");

    /// <summary>The checkpoint of the epoch with the lowest validation loss.</summary>
    public string BestCheckpoint => System.IO.Path.Combine(CheckpointsFolder, "best.safetensors");

    /// <summary>The trained model's weights alone, written when the run ends.</summary>
    public string FinalWeights => Combine("model.safetensors");

    /// <summary>The model summary table as text, written when a run starts.</summary>
    public string SummaryFile => Combine("summary.txt");

    /// <summary>The fine-tune's test accuracies, pre-trained and from random initialisation (models with a fine-tune).</summary>
    public string FineTuneFile => Combine("fine-tune.json");
    /// <summary>The loss curve (<see cref="LossCurveSvg"/>).</summary>
    public string LossCurveFile => Combine("loss.svg");
    /// <summary>The HTML report (<see cref="HtmlReport"/>).</summary>
    public string ReportFile => Combine("report.html");
    /// <summary>The folder of the reconstruction grids, <c>images/</c>.</summary>
    public string ImagesFolder => Combine("images");

    /// <summary>The reconstructions grid of <paramref name="epoch"/>: <c>images/reconstructions-epoch-NNN.png</c>.</summary>
    public string ReconstructionImage(int epoch) =>
        System.IO.Path.Combine(ImagesFolder, string.Create(CultureInfo.InvariantCulture, $"reconstructions-epoch-{epoch:000}.png"));

    /// <summary>A new folder under <paramref name="root"/> named after the model and the local time.</summary>
    public static RunFolder CreateNew(string root, string model, DateTime now)
    {
        var name = $"{model}-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
        var path = System.IO.Path.Combine(root, name);
        // Two runs started in the same second get distinct folders.
        for (var i = 2; Directory.Exists(path); i++) path = System.IO.Path.Combine(root, $"{name}-{i}");
        var folder = new RunFolder(path);
        folder.Create();
        return folder;
    }

    /// <summary>The most recent run folder of <paramref name="model"/> under <paramref name="root"/> that has a checkpoint.</summary>
    public static RunFolder? FindLatest(string root, string model)
    {
        if (!Directory.Exists(root)) return null;
        return Directory.EnumerateDirectories(root, model + "-*")
            .Select(d => new RunFolder(d))
            .Where(r => File.Exists(r.LastCheckpoint))
            .OrderByDescending(r => File.GetLastWriteTimeUtc(r.LastCheckpoint))
            .FirstOrDefault();
    }

    /// <summary>Creates the folder with its checkpoints and images subfolders (existing ones are kept).</summary>
    public void Create()
    {
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(CheckpointsFolder);
        Directory.CreateDirectory(ImagesFolder);
    }

    /// <summary>
    /// Deletes the temporary files that saves write before renaming them into place (<c>*.tmp</c> in the folder, its
    /// checkpoints and its images): a process killed during a save leaves one behind, as large as a checkpoint.
    /// Call it only while holding the folder's <see cref="Training.RunLock"/>, or a running save loses its file.
    /// </summary>
    /// <returns>The files deleted.</returns>
    public IReadOnlyList<string> RemoveTemporaryFiles()
    {
        var removed = new List<string>();
        foreach (var folder in new[] { Path, CheckpointsFolder, ImagesFolder }.Where(Directory.Exists))
            foreach (var file in Directory.EnumerateFiles(folder, "*.tmp"))
            {
                File.Delete(file);
                removed.Add(file);
            }
        return removed;
    }

    /// <summary>True when the folder holds anything of a run (a checkpoint, metrics, the summary), finished or not.</summary>
    public bool HoldsRun => File.Exists(LastCheckpoint) || File.Exists(MetricsFile) || File.Exists(StepsFile) || File.Exists(SummaryFile);

    private string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The folder's absolute <see cref="Path"/>.</summary>
    public override string ToString() => Path;
}
