using System.Collections.Generic;

namespace DslAe.Model
{
    /// <summary>
    /// Diagnostics of the emitter and generator plumbing, DSLAE300–DSLAE399: a model that checks out but uses a
    /// capability the code generator does not write yet. IDs are never reused or renumbered.
    /// </summary>
    public static class EmitterRules
    {
        /// <summary>A declared capability the emitter cannot write yet.</summary>
        public static readonly DiagnosticRule NotYetGenerated = new(
            "DSLAE301", "Capability not generated yet", Severity.Error,
            "{0}: {1} is checked but not generated yet; {2}",
            "The model language describes more than the code generator writes today; rather than emit a module that silently differs from the declaration, the build stops here.",
            "`- { kind: adversarial, discriminator: { stages: [...] } }` (YAML)\n`Loss Adversarial: Adversarial loss is checked but not generated yet; use Mse, L1, Bce, BceWithLogits, Kl, LaplacianPyramid, CrossEntropy, Perceptual or Style`",
            "Use one of the capabilities the message lists, or follow the issue tracker for the one you need.") { Category = DiagnosticCategories.Generation };

        /// <summary>Two declarations generate types of the same name in one namespace.</summary>
        public static readonly DiagnosticRule DuplicateModel = new(
            "DSLAE302", "Two models share a name", Severity.Error,
            "Model {0} is declared twice in {1} (here and first at {2}); both would generate {3}Module and {3}Definition, so rename one or move it to another namespace",
            "Each model generates a module and a definition type named after it in its namespace; two models of one name in one namespace (from C# types nested in different classes, or from a C# and a YAML declaration) would generate the same types. Neither is generated until the clash is resolved.",
            "`public partial class First { [Autoencoder(1, 28, 28)] public partial class Ae { ... } }` and `public partial class Second { [Autoencoder(1, 28, 28)] public partial class Ae { ... } }`\n`Model Ae is declared twice in the global namespace (here and first at Twins.cs(1,63)); both would generate AeModule and AeDefinition, so rename one or move it to another namespace`",
            "Give every model a unique name within its namespace.") { Category = DiagnosticCategories.Names };

        /// <summary>A stage name that makes a generated member collide with another member.</summary>
        public static readonly DiagnosticRule NameClash = new(
            "DSLAE303", "Stage name collides with a generated member", Severity.Error,
            "{0}: the module would declare a member {1}, which is already {2}; rename {0}",
            "The generated module declares a field per stage (and CodeIn/CodeOut, Dec1Norm, Dec1Bias... for latents, norms and tied biases) next to the members it inherits from DslAe's AutoencoderModule (Encode, Decode, Run...) and TorchSharp's nn.Module (forward, parameters, training...). A stage name that makes two of them collide would not compile.",
            "`[Conv(8)] public partial Stage Encode { get; }`\n`Encode: the module would declare a member Encode, which is already an inherited member of the module; rename Encode`",
            "Rename the stage.") { Category = DiagnosticCategories.Names };

        /// <summary>A perceptual or style loss whose network is not a model of the project, or does not fit.</summary>
        public static readonly DiagnosticRule FeatureNetworkMismatch = new(
            "DSLAE304", "Feature network does not fit", Severity.Error,
            "{0}: {1}; {2}",
            "A perceptual or style loss compares features of a frozen network φ: the encoder of a model of this project (Network), at its named encoder stages (Layers), applied to this model's output. The network must be declared in the project, the layers must be its encoder stages, and it must take images of this model's output shape.",
            "`[Loss(LossKind.Perceptual, Network = nameof(Classifier), Layers = new[] { \"Enc9\" })]`\n`Loss Perceptual: layer 'Enc9' is not an encoder stage of Classifier; its encoder stages are Enc1, Enc2`",
            "Name a model of the project, its encoder stages, and one that takes this model's output.") { Category = DiagnosticCategories.Names };

        /// <summary>All rules of this catalogue, ordered by ID.</summary>
        public static IReadOnlyList<DiagnosticRule> All { get; } = new[] { NotYetGenerated, DuplicateModel, NameClash, FeatureNetworkMismatch };
    }
}
