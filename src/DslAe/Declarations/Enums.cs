namespace DslAe;

/// <summary>Activation applied after a stage's layer (and its norm).</summary>
public enum Act
{
    /// <summary>No activation: the identity.</summary>
    None,
    /// <summary>ReLU: max(0, x).</summary>
    Relu,
    /// <summary>Leaky ReLU: x for x ≥ 0, slope·x below; the slope is <see cref="StageAttribute.ActParameter"/> (default 0.01).</summary>
    LeakyRelu,
    /// <summary>ELU: x for x &gt; 0, α·(exp(x) − 1) below; α is <see cref="StageAttribute.ActParameter"/> (default 1.0).</summary>
    Elu,
    /// <summary>GELU: x·Φ(x), with Φ the standard normal distribution function.</summary>
    Gelu,
    /// <summary>SiLU (swish): x·sigmoid(x).</summary>
    Silu,
    /// <summary>Logistic sigmoid: 1 / (1 + exp(−x)), values in (0, 1).</summary>
    Sigmoid,
    /// <summary>Hyperbolic tangent, values in (−1, 1).</summary>
    Tanh,
    /// <summary>Softmax over dimension 1 (an image's channels, a vector's features), e.g. per-pixel class probabilities.</summary>
    Softmax,
}

/// <summary>Normalisation applied after a stage's layer, before its activation.</summary>
public enum Norm
{
    /// <summary>No normalisation.</summary>
    None,
    /// <summary>Batch norm over channels: BatchNorm2d on images, BatchNorm1d on vectors.</summary>
    Batch,
    /// <summary>Group norm in <see cref="StageAttribute.NormGroups"/> groups, which must divide the channels (DSLAE018).</summary>
    Group,
    /// <summary>Layer norm over the stage's whole output shape, with elementwise affine parameters.</summary>
    Layer,
}

/// <summary>How a convolution pads. <see cref="Same"/> keeps ceil(in / stride) like Keras (asymmetric
/// padding when needed); <see cref="Valid"/> pads nothing. An explicit <c>Padding = n</c> overrides both.</summary>
public enum Pad
{
    /// <summary>
    /// The default. Convolution: out = ceil(in / stride), padded as TensorFlow does (an odd extra row or column goes to
    /// the bottom/right). Transposed convolution: out = in x stride when no <c>OutputPadding</c> is given.
    /// </summary>
    Same,
    /// <summary>
    /// No padding. Convolution: out = floor((in − k_eff) / stride) + 1 with k_eff = dilation·(kernel − 1) + 1.
    /// Transposed convolution: out = in x stride + max(k_eff − stride, 0) when no <c>OutputPadding</c> is given.
    /// </summary>
    Valid,
}

/// <summary>How a skip connection merges the source stage's output into this stage's input.</summary>
public enum Merge
{
    /// <summary>Concatenation along channels, main path first (U-Net); heights and widths must match (DSLAE002).</summary>
    Concat,
    /// <summary>Elementwise sum (residual); the whole shape must match (DSLAE002, DSLAE003).</summary>
    Add,
}

/// <summary>Interpolation used by <see cref="UpsampleAttribute"/>.</summary>
public enum Interpolation
{
    /// <summary>Nearest neighbour.</summary>
    Nearest,
    /// <summary>Bilinear interpolation.</summary>
    Bilinear,
    /// <summary>Bicubic interpolation.</summary>
    Bicubic,
}

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
public enum Noise
{
    /// <summary>Adds Gaussian noise N(0, amount²) to every value.</summary>
    Gaussian,
    /// <summary>Zeroes each value with probability amount.</summary>
    Masking,
    /// <summary>Sets each value to 0 or 1 (equally likely) with probability amount.</summary>
    SaltPepper,
}

/// <summary>Reconstruction and regularisation losses; weights compose them into one objective.</summary>
public enum LossKind
{
    /// <summary>Mean squared error between the decoder's output and the target.</summary>
    Mse,
    /// <summary>Mean absolute error between the decoder's output and the target.</summary>
    L1,
    /// <summary>Binary cross-entropy on probabilities: end the decoder with <see cref="Act.Sigmoid"/>.</summary>
    Bce,
    /// <summary>Binary cross-entropy on logits (numerically stable): no sigmoid at the decoder's end.</summary>
    BceWithLogits,
    /// <summary>KL divergence of the variational code from N(0, I); needs a <see cref="LatentKind.Variational"/> latent (DSLAE013).</summary>
    Kl,
    /// <summary>
    /// The mean absolute difference in every band of a Laplacian pyramid of <see cref="LossAttribute.Levels"/> levels,
    /// summed over the bands (DSLAE014 when the image is too small).
    /// </summary>
    LaplacianPyramid,
    /// <summary>
    /// Feature loss: the outputs of the <see cref="LossAttribute.Layers"/> stages of a frozen network compared by MSE.
    /// Checked but not generated yet (DSLAE301).
    /// </summary>
    Perceptual,
    /// <summary>
    /// Gram-matrix style loss at the <see cref="LossAttribute.Layers"/> stages of a frozen network. Checked but not
    /// generated yet (DSLAE301).
    /// </summary>
    Style,
    /// <summary>
    /// Adversarial loss against a discriminator, which only YAML declarations can declare (DSLAE109). Checked but not
    /// generated yet (DSLAE301).
    /// </summary>
    Adversarial,
    /// <summary>
    /// Cross-entropy of class logits against class labels: needs a <see cref="TargetKind.Labels"/> target (the
    /// decoder outputs a vector of K logits) or a <see cref="TargetKind.PixelLabels"/> one (K x H x W logits).
    /// </summary>
    CrossEntropy,
}

/// <summary>What a model's output is compared with (<see cref="TargetAttribute"/>).</summary>
public enum TargetKind
{
    /// <summary>The clean input: reconstruction (and denoising); the output has the input's shape.</summary>
    Input,
    /// <summary>One class index per image: the output is a vector of K logits, trained by cross-entropy.</summary>
    Labels,
    /// <summary>A class index per pixel (segmentation): the output is K x H x W logits for an H x W input.</summary>
    PixelLabels,
    /// <summary>
    /// A paired image (super-resolution): the data's images are the targets and each input is its image downscaled by
    /// <see cref="TargetAttribute.Scale"/>; the output is C x (H·Scale) x (W·Scale).
    /// </summary>
    Image,
}

/// <summary>Optimiser used by the generated training loop.</summary>
public enum OptimizerKind
{
    /// <summary>Adam with <see cref="TrainAttribute.Beta1"/>, <see cref="TrainAttribute.Beta2"/> and L2 weight decay (default 0).</summary>
    Adam,
    /// <summary>Adam with decoupled weight decay (default 0.01).</summary>
    AdamW,
    /// <summary>Stochastic gradient descent with optional momentum (<see cref="TrainAttribute.Momentum"/>, <see cref="TrainAttribute.Nesterov"/>).</summary>
    Sgd,
}

/// <summary>Learning-rate schedule used by the generated training loop.</summary>
public enum Schedule
{
    /// <summary>A constant learning rate.</summary>
    None,
    /// <summary>The rate is multiplied by <see cref="TrainAttribute.Gamma"/> every <see cref="TrainAttribute.StepSize"/> epochs (PyTorch's StepLR).</summary>
    Step,
    /// <summary>Cosine annealing from the learning rate to <see cref="TrainAttribute.MinLr"/> over the declared epochs (PyTorch's CosineAnnealingLR).</summary>
    Cosine,
}
