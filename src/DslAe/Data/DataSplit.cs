namespace DslAe.Data;

/// <summary>The images a run uses: training, validation (held out from training) and, when the source has one, test.</summary>
/// <param name="Train">The training images.</param>
/// <param name="Validation">The validation images, held out from the training images.</param>
/// <param name="Test">The source's test images; null when it has none.</param>
public sealed record DataSplit(ImageDataset Train, ImageDataset Validation, ImageDataset? Test) : IDisposable
{
    /// <summary>Disposes every dataset of the split.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test?.Dispose();
    }
}
