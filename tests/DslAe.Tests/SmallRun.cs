using DslAe.Data;
using DslAe.Training;

namespace DslAe.Tests;

/// <summary>
/// A model ready to train on a small real Fashion-MNIST folder: the IDX files written under <c>folder/data</c>, the
/// declared settings pointed at them, the data loaded for the model's target (or another), and a CPU trainer writing to
/// <c>folder/run</c>.
/// </summary>
internal sealed class SmallRun : IDisposable
{
    public SmallRun(ModelDefinition model, TempFolder folder, int train, int test, TargetDescription? target = null)
    {
        SmallFashionMnist.Write(folder.File("data"), train, test);
        Settings = model.Training with { DataPath = folder.File("data") };
        Data = DataSources.Load(Settings, model.InputShape, model.Name, target: target ?? model.Target);
        Trainer = new Trainer(model, Settings, new TrainerOptions { Device = "cpu", RunFolder = folder.File("run") });
    }

    public TrainingSettings Settings { get; }
    public DataSplit Data { get; }
    public Trainer Trainer { get; }

    /// <summary>Trains on <see cref="Data"/>.</summary>
    public TrainingResult Fit() => Trainer.Fit(Data);

    public void Dispose()
    {
        Trainer.Dispose();
        Data.Dispose();
    }
}
