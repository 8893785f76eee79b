using System.Globalization;

namespace DslAe;

/// <summary>
/// A model's fine-tune as the compiler checked it (<see cref="FineTuneAttribute"/>): after reconstruction training, a
/// classifier head on the encoder's code, trained on labelled images with the encoder frozen or not.
/// </summary>
/// <param name="Classes">The head's classes K.</param>
/// <param name="CodeShape">The shape of what the encoder returns per sample, the head's input (flattened).</param>
/// <param name="Freeze">True: only the head trains; false: the encoder trains with it.</param>
/// <param name="Hidden">Width of a hidden ReLU layer in the head; 0: one linear layer.</param>
/// <param name="Epochs">Passes over the labelled images.</param>
/// <param name="LearningRate">Adam's learning rate.</param>
/// <param name="Labels">How many labelled training images; null: all.</param>
public sealed record FineTuneDescription(int Classes, int[] CodeShape, bool Freeze, int Hidden, int Epochs, double LearningRate, int? Labels)
{
    /// <summary>The head's input features: the code's values per sample.</summary>
    public long CodeFeatures => CodeShape.Aggregate(1L, (product, size) => product * size);

    /// <summary>The head as PyTorch would print its layers, e.g. "Linear(32 -> 10)" or "Linear(32 -> 64), ReLU, Linear(64 -> 10)".</summary>
    public string HeadText => Hidden > 0
        ? string.Create(CultureInfo.InvariantCulture, $"Linear({CodeFeatures} -> {Hidden}), ReLU, Linear({Hidden} -> {Classes})")
        : string.Create(CultureInfo.InvariantCulture, $"Linear({CodeFeatures} -> {Classes})");

    /// <summary>One line for summaries.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{HeadText} on the {(CodeShape.Length == 1 ? "[" + CodeShape[0] + "]" : string.Join("x", CodeShape))} code, {Classes} classes, encoder {(Freeze ? "frozen" : "fine-tuned")}, {Epochs} epochs, Adam lr {LearningRate}, {(Labels is { } n ? n + " labelled images" : "every labelled image")}");
}
