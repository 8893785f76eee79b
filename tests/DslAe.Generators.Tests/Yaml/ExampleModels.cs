using DslAe.Generators.Tests.Infrastructure;

namespace DslAe.Generators.Tests.Yaml;

/// <summary>
/// Every example model in both declaration languages: the example's own file, and its twin in the other language
/// written here. The equivalence and round-trip tests run over all of them.
/// </summary>
public static class ExampleModels
{
    public sealed record Example(string Name, string CSharpPath, string CSharp, string YamlPath, string Yaml)
    {
        public override string ToString() => Name;
    }

    public static Example FashionAe => new(
        "FashionAe",
        "FashionAe.cs",
        File.ReadAllText(RepositoryFiles.PathOf("examples/FashionAutoencoder/FashionAe.cs")),
        "fashion_ae.dslae.yaml",
        """
        # The YAML twin of examples/FashionAutoencoder/FashionAe.cs.
        name: FashionAe
        namespace: FashionAutoencoder
        input: [1, 28, 28]
        loss: [ { kind: mse } ]
        train: { epochs: 8, batch: 64, optimizer: adam, lr: 2e-3, data: fashion-mnist }
        encoder:
          - { name: Enc1, conv: { out_channels: 32, kernel: 3, stride: 2 }, act: relu }
          - { name: Enc2, conv: { out_channels: 64, kernel: 3, stride: 2 }, act: relu }
        latent: { size: 32 }
        decoder:
          - { name: Dec1, conv_t: { out_channels: 32, kernel: 3, stride: 2 }, act: relu }
          - { name: Dec2, conv_t: { out_channels: 1, kernel: 3, stride: 2 }, act: sigmoid }
        """);

    public static Example UNetDenoiser => new(
        "UNetDenoiser",
        "UNetDenoiser.cs",
        """
        // The C# twin of examples/UNetDenoiser/unet_denoiser.dslae.yaml.
        using DslAe;

        namespace UNetDenoiser;

        [Autoencoder(1, 28, 28)]
        [Corrupt(Noise.Gaussian, 0.3)]
        [Loss(LossKind.Mse), Loss(LossKind.LaplacianPyramid, Weight = 0.5, Levels = 3)]
        [Train(Epochs = 2, Batch = 64, Optimizer = OptimizerKind.Adam, Lr = 0.002, Data = "fashion-mnist")]
        public partial record UNetDenoiser
        {
            [Conv(8, Kernel = 3, Act = Act.Relu)] public partial Stage Enc1 { get; }
            [MaxPool(2, KeepIndices = true)] public partial Stage Pool1 { get; }
            [Conv(16, Kernel = 3, Act = Act.Relu)] public partial Stage Enc2 { get; }
            [MaxPool(2, KeepIndices = true)] public partial Stage Pool2 { get; }
            [Conv(32, Kernel = 3, Act = Act.Relu)] public partial Stage Enc3 { get; }
            [Latent(16, Kind = LatentKind.Conv)] public partial Stage Code { get; }
            [Conv(16, Kernel = 3, Act = Act.Relu)] public partial Stage Dec3 { get; }
            [Unpool(nameof(Pool2))] public partial Stage Up2 { get; }
            [Conv(8, Kernel = 3, Act = Act.Relu, Skip = nameof(Enc2), Merge = Merge.Concat)] public partial Stage Dec2 { get; }
            [Unpool(nameof(Pool1))] public partial Stage Up1 { get; }
            [Conv(8, Kernel = 3, Act = Act.Relu, Skip = nameof(Enc1), Merge = Merge.Concat)] public partial Stage Dec1 { get; }
            [Conv(1, Kernel = 1, Act = Act.Sigmoid)] public partial Stage Out { get; }
        }
        """,
        "unet_denoiser.dslae.yaml",
        File.ReadAllText(RepositoryFiles.PathOf("examples/UNetDenoiser/unet_denoiser.dslae.yaml")));

    public static Example FashionSegmenter => new(
        "FashionSegmenter",
        "FashionSegmenter.cs",
        File.ReadAllText(RepositoryFiles.PathOf("examples/FashionSegmenter/FashionSegmenter.cs")),
        "fashion_segmenter.dslae.yaml",
        """
        # The YAML twin of examples/FashionSegmenter/FashionSegmenter.cs.
        name: FashionSegmenter
        namespace: FashionSegmenter
        input: [1, 28, 28]
        target: { kind: pixel_labels, classes: 11 }
        train: { epochs: 3, batch: 64, optimizer: adam, lr: 2e-3, data: fashion-mnist }
        encoder:
          - { name: Enc1, conv: { out_channels: 16, kernel: 3 }, act: relu }
          - { name: Pool1, max_pool: { kernel: 2 } }
          - { name: Enc2, conv: { out_channels: 32, kernel: 3 }, act: relu }
          - { name: Pool2, max_pool: { kernel: 2 } }
          - { name: Enc3, conv: { out_channels: 64, kernel: 3 }, act: relu }
          - { name: Enc4, conv: { out_channels: 64, kernel: 3, dilation: 2 }, act: relu }
          - { name: Up2, conv_t: { out_channels: 32, kernel: 2, stride: 2 }, act: relu }
          - { name: Dec2, conv: { out_channels: 32, kernel: 3 }, act: relu, skip: Enc2 }
          - { name: Up1, conv_t: { out_channels: 16, kernel: 2, stride: 2 }, act: relu }
          - { name: Dec1, conv: { out_channels: 16, kernel: 3 }, act: relu, skip: Enc1 }
          - { name: Out, conv: { out_channels: 11, kernel: 1 } }
        """);

    public static Example SuperResolver => new(
        "SuperResolver",
        "SuperResolver.cs",
        """
        // The C# twin of examples/SuperResolution/super_resolver.dslae.yaml.
        using DslAe;

        namespace SuperResolution;

        [Autoencoder(1, 14, 14)]
        [Target(TargetKind.Image, Scale = 2, Residual = true)]
        [Loss(LossKind.Mse)]
        [Train(Epochs = 3, Batch = 64, Optimizer = OptimizerKind.Adam, Lr = 0.001, Data = "fashion-mnist")]
        public partial record SuperResolver
        {
            [Conv(32, Kernel = 3, Act = Act.Relu)] public partial Stage Enc1 { get; }
            [Conv(32, Kernel = 3, Act = Act.Relu)] public partial Stage Enc2 { get; }
            [Conv(64, Kernel = 3, Act = Act.Relu, Skip = Stage.Input)] public partial Stage Enc3 { get; }
            [PixelShuffle(2)] public partial Stage Up { get; }
            [Conv(16, Kernel = 3, Act = Act.Relu)] public partial Stage Dec1 { get; }
            [Conv(1, Kernel = 3)] public partial Stage Out { get; }
        }
        """,
        "super_resolver.dslae.yaml",
        File.ReadAllText(RepositoryFiles.PathOf("examples/SuperResolution/super_resolver.dslae.yaml")));

    public static Example FashionPretraining => new(
        "FashionPretraining",
        "FashionPretraining.cs",
        File.ReadAllText(RepositoryFiles.PathOf("examples/FashionPretraining/FashionPretraining.cs")),
        "fashion_pretraining.dslae.yaml",
        """
        # The YAML twin of examples/FashionPretraining/FashionPretraining.cs.
        name: FashionPretraining
        namespace: FashionPretraining
        input: [1, 28, 28]
        loss: [ { kind: mse } ]
        train: { epochs: 4, batch: 64, optimizer: adam, lr: 2e-3, data: fashion-mnist }
        fine_tune: { classes: 10, freeze: true, epochs: 200, lr: 1e-2, labels: 100 }
        encoder:
          - { name: Enc1, conv: { out_channels: 32, kernel: 3, stride: 2 }, act: relu }
          - { name: Enc2, conv: { out_channels: 64, kernel: 3, stride: 2 }, act: relu }
        latent: { size: 32 }
        decoder:
          - { name: Dec1, conv_t: { out_channels: 32, kernel: 3, stride: 2 }, act: relu }
          - { name: Dec2, conv_t: { out_channels: 1, kernel: 3, stride: 2 }, act: sigmoid }
        """);

    public static Example FashionVae => new(
        "FashionVae",
        "FashionVae.cs",
        """
        // The C# twin of examples/FashionVae/fashion_vae.dslae.yaml.
        using DslAe;

        namespace FashionVae;

        [Autoencoder(1, 28, 28)]
        [Loss(LossKind.Bce), Loss(LossKind.Kl, Weight = 0.002)]
        [Train(Epochs = 5, Batch = 64, Optimizer = OptimizerKind.Adam, Lr = 0.002, Data = "fashion-mnist")]
        public partial record FashionVae
        {
            [Conv(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
            [Conv(64, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc2 { get; }
            [Latent(16, Kind = LatentKind.Variational)] public partial Stage Code { get; }
            [ConvT(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Dec1 { get; }
            [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec2 { get; }
        }
        """,
        "fashion_vae.dslae.yaml",
        File.ReadAllText(RepositoryFiles.PathOf("examples/FashionVae/fashion_vae.dslae.yaml")));

    public static Example FashionGlo => new(
        "FashionGlo",
        "FashionGlo.cs",
        """
        // The C# twin of examples/FashionGlo/fashion_glo.dslae.yaml.
        using DslAe;

        namespace FashionGlo;

        [Autoencoder(1, 28, 28)]
        [Loss(LossKind.Mse), Loss(LossKind.LaplacianPyramid, Levels = 3)]
        [Train(Epochs = 10, Batch = 64, Optimizer = OptimizerKind.Adam, Lr = 0.002, Validation = 0.02, Data = "fashion-mnist")]
        public partial record FashionGlo
        {
            [Latent(32, Kind = LatentKind.Learned, ProjectTo = new[] { 64, 7, 7 }, CodeLr = 0.02, Init = CodeInit.Pca, FitSteps = 25)] public partial Stage Code { get; }
            [ConvT(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Dec1 { get; }
            [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec2 { get; }
        }
        """,
        "fashion_glo.dslae.yaml",
        File.ReadAllText(RepositoryFiles.PathOf("examples/FashionGlo/fashion_glo.dslae.yaml")));

    public static TheoryData<string> Names => new() { "FashionAe", "UNetDenoiser", "FashionSegmenter", "SuperResolver", "FashionPretraining", "FashionVae", "FashionGlo" };

    public static Example ByName(string name) => name switch
    {
        "FashionAe" => FashionAe,
        "UNetDenoiser" => UNetDenoiser,
        "FashionSegmenter" => FashionSegmenter,
        "SuperResolver" => SuperResolver,
        "FashionPretraining" => FashionPretraining,
        "FashionVae" => FashionVae,
        "FashionGlo" => FashionGlo,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such example"),
    };
}
