using DslAe;

namespace FashionPretraining;

/// <summary>
/// Pre-train, then fine-tune, in one declaration: the convolutional autoencoder trains on the 54,000 training images
/// without their labels; then its decoder is dropped and a linear classifier on the 32-d code trains on a few labelled
/// images (--labels N, default 100 here), the encoder frozen. The same encoder and head also train from random
/// initialisation on the same images, and both test accuracies are printed and kept in the run's fine-tune.json.
/// Shapes (inferred at compile time): Enc1 32x14x14, Enc2 64x7x7, Code [32], Dec1 32x14x14, Dec2 1x28x28.
/// </summary>
[Autoencoder(1, 28, 28)]
[Loss(LossKind.Mse)]
[Train(Epochs = 4, Batch = 64, Optimizer = OptimizerKind.Adam, Lr = 2e-3, Data = "fashion-mnist")]
[FineTune(Classes = 10, Freeze = true, Epochs = 200, Lr = 1e-2, Labels = 100)]
public partial record FashionPretraining
{
    [Conv(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [Conv(64, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc2 { get; }
    [Latent(32)] public partial Stage Code { get; }
    [ConvT(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Dec1 { get; }
    [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec2 { get; }
}
