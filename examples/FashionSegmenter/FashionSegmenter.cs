using DslAe;

namespace FashionSegmenter;

/// <summary>
/// Segmentation on the built-in Fashion-MNIST task: every pixel is background (0) or 1 + its garment's class
/// (foreground is a pixel above 0.1), 11 classes in all. A U-Net: two pooling steps down to 7x7, where each
/// position sees most of the garment (its class is a property of the whole image), then transposed convolutions
/// back up with the encoder's features concatenated at each resolution. The last stage gives 11 logits per pixel;
/// the class-map target makes the loss cross-entropy and the metrics pixel accuracy and mean IoU.
/// Shapes (inferred at compile time): Enc1 16x28x28, Pool1 16x14x14, Enc2 32x14x14, Pool2 32x7x7, Enc3 64x7x7,
/// Enc4 64x7x7, Up2 32x14x14, Dec2 32x14x14 (in 64), Up1 16x28x28, Dec1 16x28x28 (in 32), Out 11x28x28.
/// </summary>
[Autoencoder(1, 28, 28)]
[Target(TargetKind.PixelLabels, Classes = 11)]
[Train(Epochs = 3, Batch = 64, Optimizer = OptimizerKind.Adam, Lr = 2e-3, Data = "fashion-mnist")]
public partial record FashionSegmenter
{
    [Conv(16, Kernel = 3, Act = Act.Relu)] public partial Stage Enc1 { get; }
    [MaxPool(2)] public partial Stage Pool1 { get; }
    [Conv(32, Kernel = 3, Act = Act.Relu)] public partial Stage Enc2 { get; }
    [MaxPool(2)] public partial Stage Pool2 { get; }
    [Conv(64, Kernel = 3, Act = Act.Relu)] public partial Stage Enc3 { get; }
    [Conv(64, Kernel = 3, Dilation = 2, Act = Act.Relu)] public partial Stage Enc4 { get; }
    [ConvT(32, Kernel = 2, Stride = 2, Act = Act.Relu)] public partial Stage Up2 { get; }
    [Conv(32, Kernel = 3, Act = Act.Relu, Skip = nameof(Enc2))] public partial Stage Dec2 { get; }
    [ConvT(16, Kernel = 2, Stride = 2, Act = Act.Relu)] public partial Stage Up1 { get; }
    [Conv(16, Kernel = 3, Act = Act.Relu, Skip = nameof(Enc1))] public partial Stage Dec1 { get; }
    [Conv(11, Kernel = 1)] public partial Stage Out { get; }
}
