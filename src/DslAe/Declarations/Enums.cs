namespace DslAe;

/// <summary>Activation applied after a stage's layer (and its norm).</summary>
public enum Act { None, Relu, LeakyRelu, Elu, Gelu, Silu, Sigmoid, Tanh, Softmax }

/// <summary>Normalisation applied after a stage's layer, before its activation.</summary>
public enum Norm { None, Batch, Group, Layer }

/// <summary>How a convolution pads. <see cref="Same"/> keeps ceil(in / stride) like Keras (asymmetric
/// padding when needed); <see cref="Valid"/> pads nothing. An explicit <c>Padding = n</c> overrides both.</summary>
public enum Pad { Same, Valid }

/// <summary>How a skip connection merges the source stage's output into this stage's input.</summary>
public enum Merge { Concat, Add }

/// <summary>Interpolation used by <see cref="UpsampleAttribute"/>.</summary>
public enum Interpolation { Nearest, Bilinear, Bicubic }

/// <summary>The kind of latent code between encoder and decoder.</summary>
public enum LatentKind
{
    /// <summary>Flatten, a dense projection to the code, and a dense projection back.</summary>
    Dense,
    /// <summary>A 1x1 convolution to the code's channels and back; spatial size is kept.</summary>
    Conv,
    /// <summary>Dense mean and log-variance heads with the reparameterisation trick (VAE).</summary>
    Variational,
    /// <summary>One learnable code per training sample, optimised by backpropagation (GLO); no encoder.</summary>
    Learned,
}

/// <summary>How learned (GLO) codes start.</summary>
public enum CodeInit
{
    /// <summary>The principal components of the training images.</summary>
    Pca,
    /// <summary>Standard normal, projected onto the unit ball.</summary>
    Gaussian,
}

/// <summary>Corruption applied to the input during training (denoising); the target stays clean.</summary>
public enum Noise { Gaussian, Masking, SaltPepper }

/// <summary>Reconstruction and regularisation losses; weights compose them into one objective.</summary>
public enum LossKind { Mse, L1, Bce, BceWithLogits, Kl, LaplacianPyramid, Perceptual, Style, Adversarial, CrossEntropy }

/// <summary>Optimiser used by the generated training loop.</summary>
public enum OptimizerKind { Adam, AdamW, Sgd }

/// <summary>Learning-rate schedule used by the generated training loop.</summary>
public enum Schedule { None, Step, Cosine }
