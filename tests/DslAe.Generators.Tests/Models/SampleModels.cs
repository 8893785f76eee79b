namespace DslAe.Generators.Tests.Models;

/// <summary>
/// A few rich declarations that together use every layer kind, skip kind, generated latent kind, tie, corruption,
/// norm, activation and emitted loss. Snapshot, run and caching tests share them; shapes are in the comments.
/// </summary>
public static class SampleModels
{
    /// <summary>U-Net-like denoiser: pooling with indices and unpooling, average pooling, a convolutional code,
    /// bilinear upsampling, concat/add/high-pass skips, batch and group norms, five activations, dropout,
    /// Gaussian corruption, and L1 + Laplacian pyramid + BCE losses.</summary>
    public const string DenoisingUNet = """
        using DslAe;

        namespace Samples.Denoising;

        [Autoencoder(1, 32, 32)]
        [Corrupt(Noise.Gaussian, 0.2)]
        [Loss(LossKind.L1)]
        [Loss(LossKind.LaplacianPyramid, Weight = 0.5, Levels = 3)]
        [Loss(LossKind.Bce, Weight = 0.25)]
        [Train(Epochs = 2, Batch = 16, Optimizer = OptimizerKind.AdamW, Lr = 3e-4, Schedule = Schedule.Cosine, MinLr = 1e-5, ClipNorm = 1.0)]
        public partial record DenoisingUNet
        {
            [Conv(16, Norm = Norm.Batch, Act = Act.Relu)] public partial Stage Enc1 { get; }                                  // 16x32x32
            [MaxPool(2, KeepIndices = true)] public partial Stage Pool1 { get; }                                               // 16x16x16
            [Conv(32, Norm = Norm.Group, NormGroups = 4, Act = Act.LeakyRelu, ActParameter = 0.2)] public partial Stage Enc2 { get; } // 32x16x16
            [AvgPool(2)] public partial Stage Pool2 { get; }                                                                   // 32x8x8
            [Conv(32, Dilation = 2, Act = Act.Elu)] public partial Stage Enc3 { get; }                                         // 32x8x8
            [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }                                             // 8x8x8
            [Upsample(Interpolation.Bilinear, Scale = 2)] public partial Stage Up2 { get; }                                    // 8x16x16
            [Conv(32, Skip = nameof(Enc2), Act = Act.Gelu)] public partial Stage Dec2 { get; }                                 // 40x16x16 -> 32x16x16
            [Conv(16, Kernel = 1, Skip = nameof(Enc2), Merge = Merge.Add, Act = Act.Silu)] public partial Stage Mix2 { get; }  // 16x16x16
            [Unpool(nameof(Pool1))] public partial Stage Up1 { get; }                                                          // 16x32x32
            [Conv(16, Skip = nameof(Enc1), HighPass = true, Act = Act.Tanh, Dropout = 0.1)] public partial Stage Dec1 { get; } // 16x32x32
            [Conv(1, Kernel = 1, Act = Act.Sigmoid)] public partial Stage Out { get; }                                         // 1x32x32
        }
        """;

    /// <summary>Variational autoencoder with tied weights: dense tied to dense, transposed convolutions tied to the
    /// encoder's convolutions; flatten/unflatten, explicit and valid padding, salt-and-pepper corruption,
    /// BCE-with-logits + KL losses.</summary>
    public const string TiedVae = """
        using DslAe;

        namespace Samples.Variational;

        [Autoencoder(1, 28, 28)]
        [Corrupt(Noise.SaltPepper, 0.05)]
        [Loss(LossKind.BceWithLogits)]
        [Loss(LossKind.Kl, Weight = 0.1)]
        [FineTune(Classes = 10, Freeze = false, Hidden = 32, Labels = 1000)]                  // a head on the [10] code (the mean)
        public partial record TiedVae
        {
            [Conv(8, Kernel = 4, Stride = 2, Padding = 1, Act = Act.Relu)] public partial Stage Enc1 { get; }                       // 8x14x14
            [Conv(16, Kernel = 4, Stride = 2, Pad = Pad.Valid, Act = Act.Relu)] public partial Stage Enc2 { get; }                  // 16x6x6
            [Flatten] public partial Stage Flat { get; }                                                                            // [576]
            [Dense(64, Norm = Norm.Batch, Act = Act.Relu, Dropout = 0.2)] public partial Stage Fc1 { get; }                          // [64]
            [Latent(10, Kind = LatentKind.Variational)] public partial Stage Code { get; }                                          // [10]
            [Dense(576, TiedTo = nameof(Fc1), Act = Act.Relu)] public partial Stage Fc1T { get; }                                   // [576]
            [Unflatten(16, 6, 6)] public partial Stage Unflat { get; }                                                              // 16x6x6
            [ConvT(8, Kernel = 4, Stride = 2, Pad = Pad.Valid, TiedTo = nameof(Enc2), Act = Act.Relu)] public partial Stage Dec2 { get; } // 8x14x14
            [ConvT(1, Kernel = 4, Stride = 2, Padding = 1, TiedTo = nameof(Enc1))] public partial Stage Dec1 { get; }               // 1x28x28
        }
        """;

    /// <summary>Segmentation-style model: max pooling without indices, grouped convolution, a dense code, pixel shuffle,
    /// norm/activation/dropout stages of their own, softmax, nearest upsampling to an explicit size, a per-pixel label target, cross-entropy.</summary>
    public const string ShuffleSegmenter = """
        using DslAe;

        namespace Samples.Segmentation;

        [Autoencoder(3, 24, 24)]
        [Target(TargetKind.PixelLabels, Classes = 4)]
        [Loss(LossKind.CrossEntropy)]
        public partial record ShuffleSegmenter
        {
            [Conv(16, Act = Act.Relu)] public partial Stage Enc1 { get; }                                // 16x24x24
            [MaxPool(2)] public partial Stage Pool1 { get; }                                             // 16x12x12
            [Conv(32, Stride = 2, Groups = 2, Act = Act.Relu, Bias = false)] public partial Stage Enc2 { get; } // 32x6x6
            [Latent(48)] public partial Stage Code { get; }                                              // [48]
            [Conv(64)] public partial Stage Dec2 { get; }                                                // 64x6x6
            [PixelShuffle(2)] public partial Stage Shuffle2 { get; }                                     // 16x12x12
            [NormStage(Norm.Layer)] public partial Stage Norm2 { get; }                                  // 16x12x12
            [Activation(Act.Softmax)] public partial Stage Attend2 { get; }                              // 16x12x12
            [Dropout(0.25)] public partial Stage Drop2 { get; }                                          // 16x12x12
            [Upsample(Interpolation.Nearest, Height = 24, Width = 24)] public partial Stage Up1 { get; } // 16x24x24
            [ConvT(4, Kernel = 3)] public partial Stage Out { get; }                                     // 4x24x24
        }
        """;

    /// <summary>Super-resolution: a paired-image target twice the input's size, learnt as a residual over bicubic upsampling.</summary>
    public const string SuperResolver = """
        using DslAe;

        namespace Samples.Resolution;

        [Autoencoder(1, 14, 14)]
        [Target(TargetKind.Image, Scale = 2, Residual = true)]
        [Loss(LossKind.L1)]
        public partial record SuperResolver
        {
            [Conv(16, Act = Act.Relu)] public partial Stage Enc1 { get; }                     // 16x14x14
            [Conv(16, Act = Act.Relu, Skip = Stage.Input)] public partial Stage Enc2 { get; } // in 17x14x14 (the input concatenated)
            [ConvT(16, Kernel = 4, Stride = 2, Padding = 1, Act = Act.Relu)] public partial Stage Up1 { get; } // 16x28x28
            [Conv(1)] public partial Stage Out { get; }                                        // 1x28x28, added to the upsampled input
        }
        """;

    /// <summary>GLO: no encoder, one learned code per training image projected to an image, a Laplacian-pyramid term.</summary>
    public const string GloGenerator = """
        using DslAe;

        namespace Samples.Glo;

        [Autoencoder(1, 28, 28)]
        [Loss(LossKind.Mse), Loss(LossKind.LaplacianPyramid, Weight = 0.5, Levels = 3)]
        public partial record GloGenerator
        {
            [Latent(32, Kind = LatentKind.Learned, ProjectTo = new[] { 16, 7, 7 }, CodeLr = 0.01, Init = CodeInit.Gaussian, FitSteps = 20)] public partial Stage Code { get; }
            [ConvT(8, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Dec1 { get; }    // 8x14x14
            [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec2 { get; } // 1x28x28
        }
        """;

    /// <summary>A classifier: class-label target, cross-entropy by default, a vector of logits at the end.</summary>
    public const string GarmentClassifier = """
        using DslAe;

        namespace Samples.Classification;

        [Autoencoder(1, 28, 28)]
        [Target(TargetKind.Labels, Classes = 10)]
        public partial record GarmentClassifier
        {
            [Conv(8, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; } // 8x14x14
            [Flatten] public partial Stage Flat { get; }                             // [1568]
            [Dense(10)] public partial Stage Logits { get; }                         // [10]
        }
        """;

    /// <summary>(file path, source) of each sample, for compilations that hold them all.</summary>
    public static IReadOnlyList<(string Path, string Text)> All { get; } =
    [
        ("Samples/DenoisingUNet.cs", DenoisingUNet),
        ("Samples/TiedVae.cs", TiedVae),
        ("Samples/ShuffleSegmenter.cs", ShuffleSegmenter),
        ("Samples/SuperResolver.cs", SuperResolver),
        ("Samples/GarmentClassifier.cs", GarmentClassifier),
        ("Samples/GloGenerator.cs", GloGenerator),
    ];
}
