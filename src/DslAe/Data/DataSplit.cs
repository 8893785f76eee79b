namespace DslAe.Data;

/// <summary>The images a run uses: training, validation (held out from training) and, when the source has one, test.</summary>
public sealed record DataSplit(ImageDataset Train, ImageDataset Validation, ImageDataset? Test) : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test?.Dispose();
    }
}
