namespace DslAe.Model
{
    /// <summary>
    /// Every default of the declaration language, in one place. The IR records initialise their
    /// optional members from here and the docs quote these values; front ends never invent their own.
    /// </summary>
    public static class Defaults
    {
        /// <summary>Convolution kernel size when none is written (the 3x3 of VGG and U-Net).</summary>
        public const int Kernel = 3;

        /// <summary>Convolution stride.</summary>
        public const int Stride = 1;

        /// <summary>Convolution and pooling dilation.</summary>
        public const int Dilation = 1;

        /// <summary>Convolution groups.</summary>
        public const int Groups = 1;

        /// <summary>Convolution and dense layers learn a bias.</summary>
        public const bool Bias = true;

        /// <summary>Convolution padding: <c>same</c> (out = ceil(in / stride)), as Keras users expect.</summary>
        public static Padding Padding => Padding.Same;

        /// <summary>Pooling padding (pooling has no <c>same</c>: libtorch requires padding &lt;= kernel / 2).</summary>
        public const int PoolPadding = 0;

        /// <summary>Average pooling counts the zero padding in the divisor, as libtorch does.</summary>
        public const bool CountIncludePad = true;

        /// <summary>Slope of leaky ReLU for negative inputs (PyTorch's default).</summary>
        public const double LeakyReluSlope = 0.01;

        /// <summary>ELU's alpha (PyTorch's default).</summary>
        public const double EluAlpha = 1.0;

        /// <summary>Name of the latent stage when the user gives none.</summary>
        public const string LatentName = "Code";

        /// <summary>Skips concatenate along channels (U-Net).</summary>
        public const MergeKind Merge = MergeKind.Concat;

        /// <summary>The high-pass skip filter averages 2x2 blocks before upsampling back.</summary>
        public const int HighPassPoolKernel = 2;

        /// <summary>
        /// The skip source that names the model's input (super-resolution and residual designs read it late in the
        /// decoder). A stage declared with this name shadows it.
        /// </summary>
        public const string InputSkipSource = "Input";

        /// <summary>The high-pass skip filter upsamples the pooled map bilinearly (align_corners = false).</summary>
        public const UpsampleMode HighPassUpsampleMode = UpsampleMode.Bilinear;

        /// <summary>Weight of a loss term in the weighted sum.</summary>
        public const double LossWeight = 1.0;

        /// <summary>Levels of the Laplacian pyramid loss.</summary>
        public const int PyramidLevels = 3;

        /// <summary>Minibatch discrimination: number of kernels (B in Salimans et al.).</summary>
        public const int MinibatchKernels = 32;

        /// <summary>Minibatch discrimination: dimension of each kernel (C in Salimans et al.).</summary>
        public const int MinibatchKernelDims = 8;

        /// <summary>GLO codes start from the images' principal components (the GLO paper calls it crucial).</summary>
        public const CodeInit LearnableCodeInit = CodeInit.Pca;

        /// <summary>Training epochs.</summary>
        public const int Epochs = 10;

        /// <summary>Mini-batch size.</summary>
        public const int BatchSize = 64;

        /// <summary>Optimiser.</summary>
        public const OptimizerKind Optimizer = OptimizerKind.Adam;

        /// <summary>Learning rate.</summary>
        public const double LearningRate = 1e-3;

        /// <summary>SGD momentum.</summary>
        public const double Momentum = 0.0;

        /// <summary>Weight decay of SGD and Adam (PyTorch's default).</summary>
        public const double WeightDecay = 0.0;

        /// <summary>Weight decay of AdamW (PyTorch's default).</summary>
        public const double AdamWWeightDecay = 0.01;

        /// <summary>Adam's beta1.</summary>
        public const double Beta1 = 0.9;

        /// <summary>Adam's beta2.</summary>
        public const double Beta2 = 0.999;

        /// <summary>Learning-rate schedule.</summary>
        public const ScheduleKind Schedule = ScheduleKind.None;

        /// <summary>Step schedule: epochs between decays.</summary>
        public const int StepSize = 10;

        /// <summary>Step schedule: decay factor.</summary>
        public const double Gamma = 0.1;

        /// <summary>Random seed, so two runs of the same model train identically.</summary>
        public const int Seed = 42;

        /// <summary>Adam steps that fit a learned (GLO) code to a held-out image.</summary>
        public const int LearnableFitSteps = 50;

        /// <summary>A fine-tune keeps the encoder fixed unless declared otherwise (a probe of what pre-training learnt).</summary>
        public const bool FineTuneFreeze = true;

        /// <summary>Passes over the labelled images in a fine-tune.</summary>
        public const int FineTuneEpochs = 20;

        /// <summary>Adam's learning rate in a fine-tune.</summary>
        public const double FineTuneLearningRate = 1e-3;

        /// <summary>An image target's size over the input's (super-resolution by 2).</summary>
        public const int TargetScale = 2;

        /// <summary>Fraction of the training data held out for validation.</summary>
        public const double ValidationFraction = 0.1;
    }
}
