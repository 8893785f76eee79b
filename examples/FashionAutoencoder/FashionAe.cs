using DslAe;

namespace FashionAutoencoder;

/// <summary>
/// The convolutional autoencoder of the reference facts: two stride-2 convolutions, a dense 32-d code and
/// mirrored transposed convolutions. Shapes (inferred at compile time): Enc1 32x14x14, Enc2 64x7x7,
/// Code [32], Dec1 32x14x14, Dec2 1x28x28.
/// </summary>
[Autoencoder(1, 28, 28)]
[Loss(LossKind.Mse)]
[Train(Epochs = 8, Batch = 64, Optimizer = OptimizerKind.Adam, Lr = 2e-3, Data = "fashion-mnist")]
public partial record FashionAe
{
    [Conv(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [Conv(64, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc2 { get; }
    [Latent(32)] public partial Stage Code { get; }
    [ConvT(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Dec1 { get; }
    [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec2 { get; }
}
