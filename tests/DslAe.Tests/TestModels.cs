using DslAe;

// Training tests reseed libtorch's global generator and compare runs bit for bit: no two may run at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace DslAe.Tests;

/// <summary>A small convolutional autoencoder for Fashion-MNIST: a few milliseconds per step of 32 images.</summary>
[Autoencoder(1, 28, 28)]
[Loss(LossKind.Mse)]
[Train(Epochs = 2, Batch = 32, Optimizer = OptimizerKind.Adam, Lr = 3e-3, Seed = 7, Validation = 0.1)]
public partial record TinyAe
{
    [Conv(8, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [Conv(16, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc2 { get; }
    [Latent(16)] public partial Stage Code { get; }
    [ConvT(8, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Dec1 { get; }
    [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec2 { get; }
}

/// <summary>
/// A denoising model with a step schedule: its training draws random noise every step, so an exact resume
/// needs the generator's position as well as the weights, the Adam moments and the schedule.
/// </summary>
[Autoencoder(1, 28, 28)]
[Loss(LossKind.Mse), Loss(LossKind.L1, Weight = 0.5)]
[Corrupt(Noise.Gaussian, 0.2)]
[Train(Epochs = 3, Batch = 16, Optimizer = OptimizerKind.AdamW, Lr = 2e-3, WeightDecay = 1e-2, Schedule = Schedule.Step, StepSize = 1, Gamma = 0.5, ClipNorm = 1.0, Seed = 11)]
public partial record TinyDenoiser
{
    [Conv(8, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
    [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec1 { get; }
}

/// <summary>A small variational autoencoder: what <c>sample</c> draws from.</summary>
[Autoencoder(1, 28, 28)]
[Loss(LossKind.Mse), Loss(LossKind.Kl, Weight = 0.01)]
[Train(Epochs = 1, Batch = 32, Optimizer = OptimizerKind.Adam, Lr = 3e-3, Seed = 5, Validation = 0.1)]
public partial record TinyVae
{
    [Conv(8, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [Latent(4, Kind = LatentKind.Variational)] public partial Stage Code { get; }
    [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec1 { get; }
}

/// <summary>Max pooling undone by fixed unpooling: zeros around each value instead of the pool's indices.</summary>
[Autoencoder(1, 28, 28)]
[Loss(LossKind.Mse)]
[Train(Epochs = 1, Batch = 32, Optimizer = OptimizerKind.Adam, Lr = 3e-3, Seed = 9, Validation = 0.1)]
public partial record TinyZeroUnpool
{
    [Conv(8, Kernel = 3, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [MaxPool(2)] public partial Stage Pool1 { get; }
    [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
    [ZeroUnpool(2)] public partial Stage Up1 { get; }
    [Conv(1, Kernel = 3, Act = Act.Sigmoid)] public partial Stage Dec1 { get; }
}

/// <summary>Segmentation on the built-in Fashion-MNIST task: background or the garment's class, per pixel.</summary>
[Autoencoder(1, 28, 28)]
[Target(TargetKind.PixelLabels, Classes = 11)]
[Train(Epochs = 8, Batch = 32, Optimizer = OptimizerKind.Adam, Lr = 3e-3, Seed = 3, Validation = 0.1)]
public partial record TinySegmenter
{
    [Conv(8, Kernel = 3, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [Conv(16, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc2 { get; }
    [Conv(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc3 { get; }
    [ConvT(16, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Dec2 { get; }
    [ConvT(16, Kernel = 3, Stride = 2, Act = Act.Relu, Skip = nameof(Enc2))] public partial Stage Dec1 { get; }
    [Conv(11, Kernel = 3, Skip = nameof(Enc1))] public partial Stage Out { get; }
}

/// <summary>A classifier: the class-label target trains on cross-entropy by default.</summary>
[Autoencoder(1, 28, 28)]
[Target(TargetKind.Labels, Classes = 10)]
[Train(Epochs = 2, Batch = 32, Optimizer = OptimizerKind.Adam, Lr = 3e-3, Seed = 4, Validation = 0.1)]
public partial record TinyClassifier
{
    [Conv(8, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [Conv(16, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc2 { get; }
    [Flatten] public partial Stage Flat { get; }
    [Dense(10)] public partial Stage Logits { get; }
}

/// <summary>Super-resolution by 2 on Fashion-MNIST: 14x14 inputs made from the 28x28 images, learnt as a residual.</summary>
[Autoencoder(1, 14, 14)]
[Target(TargetKind.Image, Scale = 2, Residual = true)]
[Loss(LossKind.L1)]
[Train(Epochs = 1, Batch = 32, Optimizer = OptimizerKind.Adam, Lr = 1e-3, Seed = 6, Validation = 0.1)]
public partial record TinySuperResolver
{
    [Conv(16, Kernel = 3, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [ConvT(16, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Up1 { get; }
    [Conv(1, Kernel = 3)] public partial Stage Out { get; }
}

/// <summary>Pre-train, then fine-tune: a linear probe on the frozen 16-d code, trained on 100 labelled images.</summary>
[Autoencoder(1, 28, 28)]
[Train(Epochs = 2, Batch = 32, Optimizer = OptimizerKind.Adam, Lr = 2e-3, Seed = 5, Validation = 0.1)]
[FineTune(Classes = 10, Epochs = 100, Lr = 1e-2, Labels = 100)]
public partial record TinyPretrained
{
    [Conv(16, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [Conv(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc2 { get; }
    [Latent(16)] public partial Stage Code { get; }
    [ConvT(16, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Dec1 { get; }
    [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec2 { get; }
}

/// <summary>A fine-tune that trains the encoder too, through a hidden layer, on a convolutional code.</summary>
[Autoencoder(1, 28, 28)]
[Train(Epochs = 1, Batch = 32, Optimizer = OptimizerKind.Adam, Lr = 2e-3, Seed = 6, Validation = 0.1)]
[FineTune(Classes = 10, Freeze = false, Hidden = 32, Epochs = 5)]
public partial record TinyFineTuned
{
    [Conv(8, Kernel = 3, Stride = 2, Act = Act.Relu, Norm = Norm.Batch)] public partial Stage Enc1 { get; }
    [Latent(4, Kind = LatentKind.Conv)] public partial Stage Code { get; }
    [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec1 { get; }
}

/// <summary>GLO: a generator from one learned 16-d code per training image, projected to 32x7x7, no encoder.</summary>
[Autoencoder(1, 28, 28)]
[Loss(LossKind.Mse)]
[Train(Epochs = 3, Batch = 32, Optimizer = OptimizerKind.Adam, Lr = 2e-3, Seed = 8, Validation = 0.1)]
public partial record TinyGlo
{
    [Latent(16, Kind = LatentKind.Learned, ProjectTo = new[] { 32, 7, 7 }, CodeLr = 0.05, FitSteps = 30)] public partial Stage Code { get; }
    [ConvT(16, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Dec1 { get; }
    [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec2 { get; }
}

/// <summary>A reconstruction trained through the features of another model: TinyClassifier's encoder, weights from a file.</summary>
[Autoencoder(1, 28, 28)]
[Loss(LossKind.Mse)]
[Loss(LossKind.Perceptual, Weight = 0.5, Network = nameof(TinyClassifier), Weights = FeatureLossTests.ClassifierWeights, Layers = new[] { "Enc1", "Enc2" })]
[Loss(LossKind.Style, Weight = 10, Network = nameof(TinyClassifier), Weights = FeatureLossTests.ClassifierWeights, Layers = new[] { "Enc1" })]
[Train(Epochs = 2, Batch = 32, Optimizer = OptimizerKind.Adam, Lr = 3e-3, Seed = 12, Validation = 0.1)]
public partial record TinyPerceptual
{
    [Conv(16, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
    [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec1 { get; }
}
