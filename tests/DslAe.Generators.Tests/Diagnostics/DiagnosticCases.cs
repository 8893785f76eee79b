using Microsoft.CodeAnalysis;
using static DslAe.Generators.Tests.Diagnostics.DiagnosticCase;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>A C# declaration for every rule of the three catalogues (model rules, C# front end, emitter).</summary>
public static class DiagnosticCases
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;

    public static IReadOnlyList<DiagnosticCase> All { get; } =
    [
        new("DSLAE001", Error, Ae("""
                [Conv(32, Kernel = 3, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [[|ConvT(1, Kernel = 3, Stride = 2, Padding = 1)|]] public partial Stage Dec1 { get; }
            """),
            "Dec1: expected 28x28, received 27x27; set OutputPadding = 1 on Dec1 to get 28x28"),
        new("DSLAE002", Error, Ae("""
                [Conv(32, Stride = 2)] public partial Stage Enc1 { get; }
                [Conv(64, Stride = 2)] public partial Stage Enc2 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [ConvT(32, Kernel = 3, Stride = 2, Padding = 1)] public partial Stage Dec1 { get; }
                [ConvT(1, Stride = 2, [|Skip = nameof(Enc1)|])] public partial Stage Dec2 { get; }
            """),
            "Dec2 concat with Enc1: expected 14x14, received 13x13; set OutputPadding = 1 on Dec1 to get 14x14"),
        new("DSLAE003", Error, Ae("""
                [Conv(32, Stride = 2)] public partial Stage Enc1 { get; }
                [Conv(64, Stride = 2)] public partial Stage Enc2 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [ConvT(16, Stride = 2)] public partial Stage Dec1 { get; }
                [ConvT(1, Stride = 2, [|Skip = nameof(Enc1)|], Merge = Merge.Add)] public partial Stage Dec2 { get; }
            """),
            "Dec2 add with Enc1: expected 32 channels, received 16; set outChannels: 32 on Dec1, or use Merge = Merge.Concat"),
        new("DSLAE004", Error, Ae("""
                [Conv(8, [|Kernel = 5|], Pad = Pad.Valid)] public partial Stage Enc1 { get; }
            """, "[Autoencoder(1, 4, 4)]"),
            "Enc1: Conv(kernel 5, stride 1, padding valid) on 1x4x4 gives 8x0x0; use Pad = Pad.Same, a smaller kernel or fewer down-sampling stages"),
        new("DSLAE005", Warning, Ae("""
                [[|MaxPool(2)|]] public partial Stage Pool1 { get; }
                [Latent(4)] public partial Stage Code { get; }
            """, "[Autoencoder(1, 7, 7)]"),
            "Pool1: MaxPool(kernel 2, stride 2, padding 0) on 1x7x7 gives 1x3x3 and ignores the last 1 row(s) and 1 column(s); set CeilMode = true, or choose an input size divisible by the stride"),
        new("DSLAE006", Error, Ae("""
                [Conv(8)] public partial Stage Enc1 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [Conv(1, [|Skip = "Enc3"|])] public partial Stage Dec1 { get; }
            """),
            "Dec1: skip source 'Enc3' is not a stage of this model; stages before Dec1 are Enc1, Code"),
        new("DSLAE007", Error, Ae("""
                [Conv(8)] public partial Stage Enc1 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [Conv(8, [|Skip = nameof(Dec2)|])] public partial Stage Dec1 { get; }
                [Conv(1)] public partial Stage Dec2 { get; }
            """),
            "Dec1: skip source 'Dec2' runs at or after Dec1; stages before Dec1 are Enc1, Code"),
        new("DSLAE008", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [Unpool([|nameof(Enc1)|])] public partial Stage Up1 { get; }
                [Conv(1)] public partial Stage Out { get; }
            """),
            "Up1: MaxUnpool needs an earlier MaxPool stage named 'Enc1', received a Conv stage; add a MaxPool stage with KeepIndices = true before Up1"),
        new("DSLAE009", Error, Ae("""
                [Conv(8)] public partial Stage Enc1 { get; }
                [MaxPool(2)] public partial Stage Pool1 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [Unpool([|nameof(Pool1)|])] public partial Stage Up1 { get; }
                [Conv(1)] public partial Stage Out { get; }
            """),
            "Up1: MaxUnpool of Pool1 needs its indices, but Pool1 does not keep them; set KeepIndices = true on Pool1"),
        new("DSLAE010", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(4, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [ConvT(1, Stride = 2, [|TiedTo = nameof(Enc1)|])] public partial Stage Dec1 { get; }
            """),
            "Dec1 tied to Enc1: expected weight 4x1x3x3, received 8x1x3x3; add a Conv stage with 8 output channels"),
        new("DSLAE011", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Flatten] public partial Stage Flat { get; }
                [Latent(16)] public partial Stage Code { get; }
                [Dense(784, [|TiedTo = nameof(Enc1)|])] public partial Stage Fc { get; }
                [Unflatten(1, 28, 28)] public partial Stage Out { get; }
            """),
            "Fc tied to Enc1: a Dense stage cannot use a Conv weight transposed; make Fc a ConvTranspose"),
        new("DSLAE012", Warning, Ae("""
                [Conv(16)] public partial Stage Enc1 { get; }
                [Conv(32, Stride = 2)] public partial Stage Enc2 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [ConvT(16, Stride = 2)] public partial Stage Dec1 { get; }
                [Conv(1, [|Skip = nameof(Enc1)|])] public partial Stage Out { get; }
            """),
            "Out: skip from Enc1 carries the input at full resolution (28x28) past the bottleneck, so the decoder can copy it and the code learns little; make the skip high-pass (HighPass = true), drop it, or corrupt the input"),
        new("DSLAE013", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(16)] public partial Stage Code { get; }
                [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
            """, "[Autoencoder(1, 28, 28)]\n[Loss(LossKind.Mse)]\n[[|Loss(LossKind.Kl)|]]"),
            "Loss Kl: KL divergence needs a variational latent, received a Dense latent; declare the latent with Kind = LatentKind.Variational or remove the KL loss"),
        new("DSLAE014", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(16)] public partial Stage Code { get; }
                [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
            """, "[Autoencoder(1, 28, 28)]\n[Loss(LossKind.LaplacianPyramid, [|Levels = 6|])]"),
            "Loss LaplacianPyramid: 6 levels need at least 3x3 on every level blurred, received 2x2 at level 4; set Levels = 5"),
        new("DSLAE015", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [[|Conv(8)|]] public partial Stage Enc1 { get; }
                [Latent(16)] public partial Stage Code { get; }
                [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
            """),
            "Enc1: the name is already used by an earlier stage; rename one of them"),
        new("DSLAE016", Error, Ae("""
                [Conv(16, [|Kernel = 0|])] public partial Stage Enc1 { get; }
                [Latent(16)] public partial Stage Code { get; }
            """),
            "Enc1: Kernel must be at least 1, received 0"),
        new("DSLAE017", Error, Ae("""
                [Conv(16, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(16)] public partial Stage Code { get; }
                [ConvT(1, Kernel = 3, Stride = 2, [|OutputPadding = 2|])] public partial Stage Dec1 { get; }
            """),
            "Dec1: OutputPadding must be smaller than the stride (2) or the dilation (1), received 2; use an OutputPadding below 2, or a larger stride"),
        new("DSLAE018", Error, Ae("""
                [Conv(6)] public partial Stage Enc1 { get; }
                [Conv(8, [|Groups = 4|])] public partial Stage Enc2 { get; }
                [Latent(16)] public partial Stage Code { get; }
            """),
            "Enc2: in channels (6) are not divisible by Groups = 4; use Groups = 2 (divides 6 and 8)"),
        new("DSLAE019", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(16)] public partial Stage Code { get; }
                [Conv(6)] public partial Stage Dec1 { get; }
                [PixelShuffle([|2|])] public partial Stage Up { get; }
            """),
            "Up: PixelShuffle(2) needs channels divisible by 4, received 6; set outChannels: 8 on the stage before it"),
        new("DSLAE020", Error, """
            using DslAe;

            namespace Cases;

            [Autoencoder(1, 28, 28)]
            public partial record [|Ae|]
            {
            }
            """,
            "Ae: the model has no stages and no latent; declare encoder and decoder stages"),
        new("DSLAE021", Error, Ae("""
                [Conv(8)] public partial Stage Enc1 { get; }
            """, "[Autoencoder([|0, 28, 28|])]"),
            "Ae: the input must be an image with positive channels, height and width, received 0x28x28; declare the input as channels, height, width, e.g. [Autoencoder(1, 28, 28)]"),
        new("DSLAE022", Error, Ae("""
                [Conv(32, Stride = 4)] public partial Stage Enc1 { get; }
                [[|Dense(32)|]] public partial Stage Enc2 { get; }
            """),
            "Enc2: Dense needs a vector, received 32x7x7; insert a Flatten stage before Enc2"),
        new("DSLAE023", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(16)] public partial Stage Code { get; }
                [Flatten] public partial Stage Flat { get; }
                [Dense(512)] public partial Stage Dec0 { get; }
                [Unflatten([|32, 7, 7|])] public partial Stage Dec1 { get; }
            """),
            "Dec1: Unflatten to 32x7x7 needs 1568 features, received 512; set features: 1568 on Dec0"),
        new("DSLAE024", Error, Ae("""
                [MaxPool(2, [|Padding = 2|])] public partial Stage Pool1 { get; }
                [Latent(16)] public partial Stage Code { get; }
            """),
            "Pool1: Padding must be at most half the kernel (1), received 2"),
        new("DSLAE025", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [[|Latent(64, Kind = LatentKind.Learned)|]] public partial Stage Code { get; }
                [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
            """),
            "Code: learned codes replace the encoder, received 1 encoder stage; remove the encoder stages or use a Dense latent"),
        new("DSLAE026", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(16)] public partial Stage Code { get; }
                [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
            """, "[Autoencoder(1, 28, 28)]\n[Loss(LossKind.Perceptual, [|Layers = new[] { \"Enc9\" }|])]"),
            "Loss Perceptual: layer 'Enc9' is not a stage of the encoder; stages are Enc1"),
        new("DSLAE027", Warning, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [[|Latent(16, Kind = LatentKind.Variational)|]] public partial Stage Code { get; }
                [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
            """),
            "Code: the variational latent has no KL loss, so nothing keeps its codes near N(0, I); add a Kl loss"),
        new("DSLAE028", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Conv(8, Stride = 2)] public partial Stage Enc2 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [ConvT(8, Stride = 1, Skip = nameof(Enc2), [|HighPass = true|])] public partial Stage Dec2 { get; }
                [ConvT(8, Stride = 2)] public partial Stage Dec1 { get; }
                [ConvT(1, Stride = 2)] public partial Stage Out { get; }
            """, "[Autoencoder(1, 4, 4)]"),
            "Dec2: the high-pass filter pools 2x2 blocks, received 1x1 from Enc2; skip from a larger stage or drop the filter"),
        new("DSLAE029", Error, Ae("""
                [Conv(16)] public partial Stage Enc1 { get; }
                [MaxPool(2, KeepIndices = true)] public partial Stage Pool1 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [Conv(8)] public partial Stage Dec2 { get; }
                [Unpool([|nameof(Pool1)|])] public partial Stage Up1 { get; }
                [Conv(1)] public partial Stage Out { get; }
            """),
            "Up1: MaxUnpool of Pool1 expected 16x14x14 (the shape Pool1 produced), received 8x14x14; set outChannels: 16 on Dec2"),

        new("DSLAE030", Warning, Ae("""
                [MaxPool(2, Padding = 1, [|Dilation = 3|], CeilMode = true)] public partial Stage Pool1 { get; }
                [Latent(8)] public partial Stage Code { get; }
            """, "[Autoencoder(3, 9, 1)]"),
            "Pool1: MaxPool(kernel 2, stride 2, padding 1, dilation 3, ceil mode) on 3x9x1 has windows that contain no input pixel, which yield -inf; use less Padding or Dilation, or CeilMode = false"),
        new("DSLAE031", Error, Ae("""
                [MaxPool(2, Padding = 1, Dilation = 3, CeilMode = true, KeepIndices = true)] public partial Stage Pool1 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [Conv(3, Kernel = 1)] public partial Stage Dec1 { get; }
                [Unpool([|nameof(Pool1)|])] public partial Stage Up1 { get; }
            """, "[Autoencoder(3, 9, 1)]"),
            "Up1: MaxUnpool of Pool1 cannot place the values of windows that contain no input pixel (their indices point outside 9x1); use less Padding or Dilation on Pool1"),
        new("DSLAE032", Warning, Ae("""
                [Conv(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc1 { get; }
                [Conv(64, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Enc2 { get; }
                [Latent(32)] public partial Stage Code { get; }
                [ConvT(32, Kernel = 3, Stride = 2, Act = Act.Relu)] public partial Stage Dec1 { get; }
                [ConvT(1, Kernel = 3, Stride = 2, Act = Act.Sigmoid)] public partial Stage Dec2 { get; }
            """, "[Autoencoder(1, 28, 28)]\n[Loss(LossKind.Mse)]\n[Train(Batch = 4096, [|MemoryBudget = \"256MB\"|])]"),
            "Training: a training step at batch 4096 needs about 931 MiB (232 KiB per sample for its tensors, 3.68 MiB for weights, gradients and optimiser state), more than the MemoryBudget of 244 MiB; the largest batch that fits is 1062: set Batch = 1062"),
        new("DSLAE033", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
            """, "[Autoencoder(1, 28, 28)]\n[[|Loss(LossKind.CrossEntropy)|]]"),
            "Loss CrossEntropy: compares class logits with class indices, but the target is the input image; declare [Target(TargetKind.PixelLabels)] for segmentation or [Target(TargetKind.Labels)] for a classifier, or use an image loss such as Mse"),

        new("DSLAE101", Error, """
            using DslAe;

            namespace Cases;

            [Autoencoder(1, 28, 28)]
            public record [|Ae|]
            {
                [Conv(8)] public Stage Enc1 => new("Enc1", "Conv", [8, 28, 28], 80);
            }
            """,
            "'Ae' must be declared partial so the generator can add its module; write 'partial record Ae'"),
        new("DSLAE102", Error, """
            using DslAe;

            namespace Cases;

            [Autoencoder(1, 28, 28)]
            public partial record [|Ae|]<T>
            {
                [Conv(1)] public partial Stage Enc1 { get; }
            }
            """,
            "'Ae' has type parameters; an autoencoder declaration describes one concrete model, so remove them"),
        new("DSLAE103", Error, Ae("""
                [Conv(8)] public Stage [|Enc1|] => new("Enc1", "Conv", [8, 28, 28], 80);
                [Conv(1)] public partial Stage Enc2 { get; }
            """),
            "Stage 'Enc1' must be declared as 'public partial Stage Enc1 { get; }'; it is not partial"),
        new("DSLAE104", Error, Ae("""
                [Conv(1, Pad = Pad.Valid, [|Padding = 1|])] public partial Stage Enc1 { get; }
            """),
            "Enc1 sets both Pad and Padding; keep one of them"),
        new("DSLAE105", Error, Ae("""
                [Conv(1)] public partial Stage Enc1 { get; }
            """, "[Autoencoder([|28, 28|])]"),
            "'Ae' needs its input shape as channels, height, width, e.g. [Autoencoder(1, 28, 28)]; received 2 values"),
        new("DSLAE106", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(16)] public partial Stage Code { get; }
                [[|Latent(8)|]] public partial Stage Code2 { get; }
                [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
            """),
            "'Code2' is a second latent; 'Code' already separates encoder and decoder, so make 'Code2' an ordinary stage"),
        new("DSLAE107", Error, Ae("""
                [Conv(8)][MaxPool(2)] public partial Stage [|Enc1|] { get; }
            """),
            "Stage 'Enc1' has 2 stage attributes (Conv, MaxPool); give each stage exactly one and declare the others as stages of their own"),
        new("DSLAE108", Error, Ae("""
                [Conv(1, [|Act = (Act)42|])] public partial Stage Enc1 { get; }
            """),
            "Enc1: Act = 42 is not one of None, Relu, LeakyRelu, Elu, Gelu, Silu, Sigmoid, Tanh, Softmax"),
        new("DSLAE109", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(16)] public partial Stage Code { get; }
                [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
            """, "[Autoencoder(1, 28, 28)]\n[[|Loss(LossKind.Perceptual)|]]"),
            "Loss Perceptual needs Layers; write Layers = new[] { nameof(Enc1) } with the encoder stages whose features to compare"),
        new("DSLAE199", Error, """
            using DslAe;

            namespace Cases;

            /// <summary>A stage attribute the generator does not know: it must say so, not crash.</summary>
            public sealed class SwirlAttribute : StageAttribute;

            [Autoencoder(1, 28, 28)]
            public partial record Ae
            {
                [[|Swirl|]] public partial Stage Enc1 { get; }
            }
            """,
            "The DslAe generator could not process 'Enc1': unknown stage attribute Swirl. This is a bug in DslAe; please report it with this declaration"),
        new("DSLAE301", Error, Ae("""
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(16)] public partial Stage Code { get; }
                [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
                [Conv(8, Stride = 2, Act = Act.LeakyRelu), Discriminator] public partial Stage D1 { get; }
                [Flatten, Discriminator] public partial Stage DFlat { get; }
                [Dense(1), Discriminator] public partial Stage DOut { get; }
            """, "[Autoencoder(1, 28, 28)]\n[Loss(LossKind.Mse), [|Loss(LossKind.Adversarial, Weight = 0.01)|]]"),
            "Loss Adversarial: Adversarial loss is checked but not generated yet; use Mse, L1, Bce, BceWithLogits, Kl, LaplacianPyramid, CrossEntropy, Perceptual or Style"),
        new("DSLAE302", Error, """
            using DslAe;
            public partial class First { [Autoencoder(1, 28, 28)] public partial class Ae { [Conv(1)] public partial Stage Enc1 { get; } } }
            public partial class Second { [Autoencoder(1, 28, 28)] public partial class [|Ae|] { [Conv(1)] public partial Stage Enc1 { get; } } }
            """,
            "Model Ae is declared twice in the global namespace (here and first at Cases/Ae.cs(2,76)); both would generate AeModule and AeDefinition, so rename one or move it to another namespace"),
        new("DSLAE304", Error, """
            using DslAe;
            [Autoencoder(1, 28, 28)]
            [Target(TargetKind.Labels, Classes = 10)]
            public partial record Classifier
            {
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Conv(8, Stride = 2)] public partial Stage Enc2 { get; }
                [Flatten] public partial Stage Flat { get; }
                [Dense(10)] public partial Stage Logits { get; }
            }
            [Autoencoder(1, 28, 28)]
            [[|Loss(LossKind.Perceptual, Network = nameof(Classifier), Layers = new[] { "Enc9" })|]]
            public partial record Ae
            {
                [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(16)] public partial Stage Code { get; }
                [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
            }
            """,
            "Loss Perceptual: layer 'Enc9' is not an encoder stage of Classifier; its encoder stages are Enc1, Enc2, Flat, Logits"),
        new("DSLAE303", Error, Ae("""
                [[|Conv(8)|]] public partial Stage Encode { get; }
                [Conv(1)] public partial Stage Dec1 { get; }
            """),
            "Encode: the module would declare a member Encode, which is already an inherited member of the module; rename Encode"),
    ];
}
