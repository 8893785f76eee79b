using DslAe;

namespace PerceptualAutoencoder;

/// <summary>
/// The feature network: a small Fashion-MNIST classifier. Train it first, into the folder the autoencoder's losses read:
/// <c>PerceptualAutoencoder train --model GarmentFeatures --out runs/garment-features</c>.
/// Shapes (inferred at compile time): Enc1 16x14x14, Enc2 32x7x7, Flat [1568], Logits [10].
/// </summary>
[Autoencoder(1, 28, 28)]
[Target(TargetKind.Labels, Classes = 10)]
[Train(Epochs = 2, Batch = 64, Optimizer = OptimizerKind.Adam, Lr = 2e-3, Data = "fashion-mnist")]
public partial record GarmentFeatures
{
    [Conv(16, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [Conv(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc2 { get; }
    [Flatten] public partial Stage Flat { get; }
    [Dense(10)] public partial Stage Logits { get; }
}

/// <summary>
/// FashionAe's architecture trained on MSE plus the perceptual loss at the classifier's two convolutions and a Gram-matrix
/// style loss at its first: <c>PerceptualAutoencoder train --model PerceptualAe</c>, after GarmentFeatures.
/// </summary>
[Autoencoder(1, 28, 28)]
[Loss(LossKind.Mse)]
[Loss(LossKind.Perceptual, Weight = 0.1, Network = nameof(GarmentFeatures), Weights = GarmentWeights, Layers = new[] { "Enc1", "Enc2" })]
[Loss(LossKind.Style, Weight = 1, Network = nameof(GarmentFeatures), Weights = GarmentWeights, Layers = new[] { "Enc1" })]
[Train(Epochs = 3, Batch = 64, Optimizer = OptimizerKind.Adam, Lr = 2e-3, Data = "fashion-mnist")]
public partial record PerceptualAe
{
    /// <summary>Where GarmentFeatures' trained weights are read from, relative to the working directory.</summary>
    public const string GarmentWeights = "runs/garment-features/model.safetensors";

    [Conv(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [Conv(64, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc2 { get; }
    [Latent(32)] public partial Stage Code { get; }
    [ConvT(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Dec1 { get; }
    [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec2 { get; }
}
