namespace DslAe.Model
{
    /// <summary>What a model's output is compared with in training and evaluation.</summary>
    public enum TargetKind
    {
        /// <summary>The clean input itself (reconstruction, denoising): the output has the input's shape.</summary>
        Input,

        /// <summary>One class index per image (a classifier head): the output is a vector of K logits.</summary>
        Labels,

        /// <summary>A class index per pixel (segmentation): the output is K x H x W logits for an H x W input.</summary>
        PixelLabels,

        /// <summary>
        /// A paired image (super-resolution): the data's images are the targets and the input is each one downscaled by
        /// <see cref="TargetSpec.Scale"/>, so the output is C x (H·scale) x (W·scale) for a C x H x W input.
        /// </summary>
        Image,
    }

    /// <summary>The declared target; <see cref="Input"/> when a declaration says none.</summary>
    /// <param name="Kind">What the output is compared with.</param>
    public sealed record TargetSpec(TargetKind Kind) : SpecElement
    {
        /// <summary>The default: reconstruct the input.</summary>
        public static TargetSpec Input { get; } = new(TargetKind.Input);

        /// <summary>Labels and pixel labels: the number of classes K (&gt;= 2); null: the output's channels (or length).</summary>
        public int? Classes { get; init; }

        /// <summary>Image: the factor between the target's size and the input's (&gt;= 1).</summary>
        public int Scale { get; init; } = Defaults.TargetScale;

        /// <summary>Image: the output is the bicubic upsampling of the input plus what the network computes (residual learning).</summary>
        public bool Residual { get; init; }

        /// <summary>True for the kinds compared by cross-entropy (labels and pixel labels).</summary>
        public bool IsClassification => Kind is TargetKind.Labels or TargetKind.PixelLabels;
    }
}
