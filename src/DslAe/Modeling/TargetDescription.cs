using System.Globalization;

namespace DslAe;

/// <summary>
/// What a model's output is compared with, as the compiler checked it (<see cref="TargetAttribute"/>): the data a
/// run loads, the metrics it reports and the images it draws follow from it.
/// </summary>
/// <param name="Kind">The target.</param>
/// <param name="Shape">The output's shape per sample: the input's, [K] logits, K x H x W logits, or the paired image's.</param>
/// <param name="Scale">Image targets: the target's size over the input's.</param>
/// <param name="Residual">Image targets: the output adds the input's bicubic upsampling to the decoder's.</param>
public sealed record TargetDescription(TargetKind Kind, int[] Shape, int Scale = 1, bool Residual = false)
{
    /// <summary>Reconstruction of an input of <paramref name="input"/>'s shape: every model's target unless declared.</summary>
    public static TargetDescription Reconstruction(int[] input) => new(TargetKind.Input, input);

    /// <summary>True for class labels and per-pixel class labels (cross-entropy targets).</summary>
    public bool IsClassification => Kind is TargetKind.Labels or TargetKind.PixelLabels;

    /// <summary>The number of classes K of a classification target; 0 otherwise.</summary>
    public int Classes => IsClassification ? Shape[0] : 0;

    /// <summary>The shape of the images a run loads: the input's, except for an image target, whose images are the targets.</summary>
    public int[] DataShape(int[] input) => Kind == TargetKind.Image ? Shape : input;

    /// <summary>One line for summaries: what is compared with what.</summary>
    public override string ToString()
    {
        var shape = string.Join("x", Shape);
        return Kind switch
        {
            TargetKind.Labels => string.Create(CultureInfo.InvariantCulture, $"class labels, {Classes} classes: [{Classes}] logits per image against its class"),
            TargetKind.PixelLabels => string.Create(CultureInfo.InvariantCulture, $"per-pixel class labels, {Classes} classes: {shape} logits against a {Shape[1]}x{Shape[2]} class map"),
            TargetKind.Image => string.Create(CultureInfo.InvariantCulture, $"paired image {shape}, the input being it downscaled by {Scale}") + (Residual ? "; the output is the input's bicubic upsampling plus the decoder's" : string.Empty),
            _ => $"the input {shape} (reconstruction)",
        };
    }
}
