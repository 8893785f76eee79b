using System.Collections.Generic;

namespace DslAe.Model
{
    /// <summary>
    /// Diagnostics of the C# front end, DSLAE100–DSLAE199: problems in how a declaration is written,
    /// before any shape is known. IDs are never reused or renumbered.
    /// </summary>
    public static class CSharpFrontEndRules
    {
        /// <summary>The [Autoencoder] type is not partial.</summary>
        public static readonly DiagnosticRule TypeNotPartial = new(
            "DSLAE101", "Autoencoder type must be partial", Severity.Error,
            "'{0}' must be declared partial so the generator can add its module; write 'partial {1} {0}'",
            "The generator completes the declaration with the stage properties' bodies, the summary and the factory, which needs a partial type (and partial enclosing types).",
            "`[Autoencoder(1, 28, 28)] public record FashionAe { ... }`\n`'FashionAe' must be declared partial so the generator can add its module; write 'partial record FashionAe'`",
            "Add the partial keyword to the type and to every type it is nested in.") { Category = DiagnosticCategories.CSharpDeclaration };

        /// <summary>The [Autoencoder] type is generic.</summary>
        public static readonly DiagnosticRule GenericType = new(
            "DSLAE102", "Autoencoder type cannot be generic", Severity.Error,
            "'{0}' has type parameters; an autoencoder declaration describes one concrete model, so remove them",
            "Shapes are checked at compile time for one concrete model; a type parameter would leave nothing to check.",
            "`[Autoencoder(1, 28, 28)] public partial record Ae<T> { ... }`",
            "Declare one non-generic type per model.") { Category = DiagnosticCategories.CSharpDeclaration };

        /// <summary>A stage attribute sits on something other than a partial Stage property.</summary>
        public static readonly DiagnosticRule StagePropertyForm = new(
            "DSLAE103", "Stage must be a partial Stage property", Severity.Error,
            "Stage '{0}' must be declared as 'public partial Stage {0} {{ get; }}'; {1}",
            "Each stage is a partial property of type DslAe.Stage; the generator implements it to return the stage's inferred shape and parameter count.",
            "`[Conv(32)] public Stage Enc1 { get; }`\n`Stage 'Enc1' must be declared as 'public partial Stage Enc1 { get; }'; it is not partial`",
            "Declare the property as 'public partial Stage Name { get; }'.") { Category = DiagnosticCategories.CSharpDeclaration };

        /// <summary>Two arguments that exclude each other are both written.</summary>
        public static readonly DiagnosticRule ConflictingArguments = new(
            "DSLAE104", "Conflicting arguments", Severity.Error,
            "{0} sets both {1} and {2}; keep one of them",
            "Some arguments say the same thing two ways (Pad and Padding; Scale and Height/Width); writing both is ambiguous.",
            "`[Conv(32, Pad = Pad.Valid, Padding = 1)]`\n`Enc1 sets both Pad and Padding; keep one of them`",
            "Remove one of the two arguments.") { Category = DiagnosticCategories.CSharpDeclaration };

        /// <summary>The input shape is not three positive numbers.</summary>
        public static readonly DiagnosticRule InputShapeForm = new(
            "DSLAE105", "Input shape must be channels, height, width", Severity.Error,
            "'{0}' needs its input shape as channels, height, width, e.g. [Autoencoder(1, 28, 28)]; received {1}",
            "Every shape is inferred from the input's shape, given as three positive numbers.",
            "`[Autoencoder(28, 28)]`\n`'FashionAe' needs its input shape as channels, height, width, e.g. [Autoencoder(1, 28, 28)]; received 2 values`",
            "Write the channels, height and width of one input sample.") { Category = DiagnosticCategories.CSharpDeclaration };

        /// <summary>More than one [Latent].</summary>
        public static readonly DiagnosticRule SecondLatent = new(
            "DSLAE106", "A model has one latent", Severity.Error,
            "'{0}' is a second latent; '{1}' already separates encoder and decoder, so make '{0}' an ordinary stage",
            "The latent separates the encoder (stages before it) from the decoder (stages after it); a second one would be ambiguous.",
            "`[Latent(32)] public partial Stage Code { get; }` and later `[Latent(16)] public partial Stage Code2 { get; }`",
            "Keep one [Latent] property.") { Category = DiagnosticCategories.CSharpDeclaration };

        /// <summary>A property carries two stage attributes.</summary>
        public static readonly DiagnosticRule SeveralStageAttributes = new(
            "DSLAE107", "One attribute per stage", Severity.Error,
            "Stage '{0}' has {1} stage attributes ({2}); give each stage exactly one and declare the others as stages of their own",
            "A stage applies one layer (plus its norm, activation, dropout and skip, written as arguments).",
            "`[Conv(32)] [MaxPool(2)] public partial Stage Enc1 { get; }`",
            "Split the property into one stage per layer.") { Category = DiagnosticCategories.CSharpDeclaration };

        /// <summary>An enum argument holds a value outside the enum.</summary>
        public static readonly DiagnosticRule UnknownEnumValue = new(
            "DSLAE108", "Unknown option", Severity.Error,
            "{0}: {1} = {2} is not one of {3}",
            "Options are enums; a cast number outside the enum names nothing.",
            "`[Conv(32, Act = (Act)42)]`\n`Enc1: Act = 42 is not one of None, Relu, ...`",
            "Use one of the enum's named values.") { Category = DiagnosticCategories.CSharpDeclaration };

        /// <summary>An argument that a kind needs is missing.</summary>
        public static readonly DiagnosticRule MissingArgument = new(
            "DSLAE109", "Missing argument", Severity.Error,
            "{0} needs {1}; {2}",
            "Some kinds cannot work without an argument that has no sensible default (the layers of a perceptual loss, the discriminator of an adversarial loss).",
            "`[Loss(LossKind.Perceptual)]`\n`Loss Perceptual needs Layers; write Layers = new[] { nameof(Enc1) }`",
            "Write the argument the message names.") { Category = DiagnosticCategories.CSharpDeclaration };

        /// <summary>The generator met something it could not handle; never silent.</summary>
        public static readonly DiagnosticRule GeneratorFailure = new(
            "DSLAE199", "Generator failure", Severity.Error,
            "The DslAe generator could not process '{0}': {1}. This is a bug in DslAe; please report it with this declaration",
            "The generator never throws (the compiler would drop its output with only a warning); anything unexpected becomes this error instead.",
            "(none: this reports a bug)",
            "Report the declaration; meanwhile simplify it until the error goes.") { Category = DiagnosticCategories.Generation };

        /// <summary>All rules of this catalogue, ordered by ID.</summary>
        public static IReadOnlyList<DiagnosticRule> All { get; } = new[]
        {
            TypeNotPartial, GenericType, StagePropertyForm, ConflictingArguments, InputShapeForm,
            SecondLatent, SeveralStageAttributes, UnknownEnumValue, MissingArgument, GeneratorFailure,
        };
    }
}
