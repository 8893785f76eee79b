using System.Collections.Generic;

namespace DslAe.Model
{
    /// <summary>
    /// Diagnostics of the YAML front end, DSLAE200–DSLAE299: problems in how a <c>.dslae.yaml</c> file is
    /// written, before any shape is known. Every one is located at the file, line and column of the text at
    /// fault. IDs are never reused or renumbered.
    /// </summary>
    public static class YamlFrontEndRules
    {
        /// <summary>The text is not well-formed YAML.</summary>
        public static readonly DiagnosticRule SyntaxError = new(
            "DSLAE201", "YAML syntax error", Severity.Error,
            "YAML syntax error: {0}; {1}",
            "The file could not be read as YAML, so no model could be built from it. The position is where the YAML reader gave up, which is at or just after the mistake.",
            "`encoder: [ { name: Enc1, conv: { out_channels: 32 }`\n`YAML syntax error: While parsing a flow sequence, did not find expected ',' or ']'; check the brackets and the indentation at this point`",
            "Check indentation (spaces, not tabs), brackets and quotes around the position given.") { Category = DiagnosticCategories.YamlSyntax };

        /// <summary>A key the schema does not know at that place.</summary>
        public static readonly DiagnosticRule UnknownKey = new(
            "DSLAE202", "Unknown key", Severity.Error,
            "{0}: unknown key '{1}'; {2}",
            "Typos must not be silently ignored (a misspelt 'strid' would otherwise leave the stride at its default), so every key is checked against the keys valid at its place.",
            "`- { name: Enc1, conv: { out_channels: 32, strid: 2 } }`\n`Enc1 conv: unknown key 'strid'; did you mean 'stride'?`",
            "Use the key the message suggests, or one of the keys listed in docs/yaml.md for that section.") { Category = DiagnosticCategories.YamlDeclaration };

        /// <summary>A value of the wrong YAML type (a string where a number belongs, a list where a mapping belongs).</summary>
        public static readonly DiagnosticRule WrongType = new(
            "DSLAE203", "Value of the wrong type", Severity.Error,
            "{0}: '{1}' must be {2}, received {3}",
            "Each key takes one kind of value (an integer, a number, true/false, a name, a list or a mapping). Quoted values are strings, so \"3\" is not an integer.",
            "`- { name: Enc1, conv: { out_channels: \"32\" } }`\n`Enc1 conv: 'out_channels' must be an integer, received the string \"32\"`",
            "Write the value in the form the message names.") { Category = DiagnosticCategories.YamlDeclaration };

        /// <summary>A key without which the element cannot be built.</summary>
        public static readonly DiagnosticRule MissingKey = new(
            "DSLAE204", "Missing required key", Severity.Error,
            "{0}: missing required key '{1}'; {2}",
            "Some keys have no sensible default: a model's name and input, a stage's name, a convolution's output channels, a latent's size.",
            "`- { conv: { out_channels: 32 } }`\n`encoder stage 1: missing required key 'name'; every stage is named, e.g. name: Enc1`",
            "Add the key the message names.") { Category = DiagnosticCategories.YamlDeclaration };

        /// <summary>A value outside a key's set of options.</summary>
        public static readonly DiagnosticRule UnknownValue = new(
            "DSLAE205", "Unknown option", Severity.Error,
            "{0}: '{1}: {2}' is not one of {3}{4}",
            "Options such as activations, norms and loss kinds are written in lower case with underscores, exactly as docs/yaml.md lists them.",
            "`- { name: Enc1, conv: { out_channels: 32 }, act: rleu }`\n`Enc1: 'act: rleu' is not one of none, relu, leaky_relu, elu, gelu, silu, sigmoid, tanh, softmax; did you mean 'relu'?`",
            "Use one of the options the message lists.") { Category = DiagnosticCategories.YamlDeclaration };

        /// <summary>The same key twice in one mapping.</summary>
        public static readonly DiagnosticRule DuplicateKey = new(
            "DSLAE206", "Duplicate key", Severity.Error,
            "{0}: key '{1}' appears twice (first on line {2}); keep one of them",
            "YAML readers disagree on which of two equal keys wins, so a duplicate is an error rather than a guess.",
            "`conv: { out_channels: 32, stride: 2, stride: 1 }`\n`Enc1 conv: key 'stride' appears twice (first on line 4); keep one of them`",
            "Remove one of the two keys.") { Category = DiagnosticCategories.YamlSyntax };

        /// <summary>A model, namespace or stage name that cannot name generated code.</summary>
        public static readonly DiagnosticRule InvalidName = new(
            "DSLAE207", "Invalid name", Severity.Error,
            "{0} '{1}' cannot be used: {2}; write e.g. '{3}'",
            "Names become C# names in the generated code: the model's name names its classes, each stage's name names a field of the module, and the namespace is a C# namespace. Stage and model names therefore start with an upper-case letter and contain only letters, digits and underscores.",
            "`- { name: enc1, conv: { out_channels: 32 } }`\n`Stage name 'enc1' cannot be used: it names a field of the generated module, so it must start with an upper-case letter and contain only letters, digits and underscores; write e.g. 'Enc1'`",
            "Rename as the message suggests (and the skips, unpoolings and ties that refer to it).") { Category = DiagnosticCategories.YamlDeclaration };

        /// <summary>Two keys that exclude each other.</summary>
        public static readonly DiagnosticRule ConflictingKeys = new(
            "DSLAE208", "Conflicting keys", Severity.Error,
            "{0}: '{1}' and '{2}' exclude each other; {3}",
            "A stage applies exactly one layer, and some keys say the same thing two ways (an upsampling's scale and its explicit height/width).",
            "`- { name: Enc1, conv: { out_channels: 32 }, max_pool: { kernel: 2 } }`\n`Enc1: 'conv' and 'max_pool' exclude each other; a stage applies one layer, so declare the pooling as a stage of its own`",
            "Keep one of the two keys.") { Category = DiagnosticCategories.YamlDeclaration };

        /// <summary>A key that only means something together with another key or kind.</summary>
        public static readonly DiagnosticRule KeyDoesNotApply = new(
            "DSLAE209", "Key does not apply here", Severity.Error,
            "{0}: '{1}' applies only {2}; {3}",
            "Some keys only mean something with a particular kind (norm_groups with a group norm, levels with the Laplacian pyramid loss) or another key (merge with skip). Rather than ignore them silently, the generator reports them.",
            "`- { name: Dec1, conv: { out_channels: 16 }, merge: add }`\n`Dec1: 'merge' applies only with 'skip'; add 'skip: <stage>' or remove 'merge'`",
            "Remove the key, or add the kind or key it belongs to.") { Category = DiagnosticCategories.YamlDeclaration };

        /// <summary>A file that holds no model at all.</summary>
        public static readonly DiagnosticRule EmptyFile = new(
            "DSLAE210", "Empty model file", Severity.Error,
            "'{0}' declares no model; a .dslae.yaml file holds one model, e.g. 'name: MyAe', 'input: [1, 28, 28]', 'encoder:', 'decoder:'",
            "Every *.dslae.yaml / *.dslae.yml file of the project is read as a model declaration, so an empty one is most likely a mistake.",
            "An empty `model.dslae.yaml`.\n`'model.dslae.yaml' declares no model; a .dslae.yaml file holds one model, ...`",
            "Write the model, or delete the file (or rename it so it no longer ends in .dslae.yaml).") { Category = DiagnosticCategories.YamlSyntax };

        /// <summary>More than one YAML document in one file.</summary>
        public static readonly DiagnosticRule SeveralDocuments = new(
            "DSLAE211", "One model per file", Severity.Error,
            "'{0}' holds {1} YAML documents; declare one model per .dslae.yaml file",
            "One file, one model keeps generated names and error locations unambiguous.",
            "Two models separated by `---` in one file.\n`'models.dslae.yaml' holds 2 YAML documents; declare one model per .dslae.yaml file`",
            "Move each model into a file of its own.") { Category = DiagnosticCategories.YamlSyntax };

        /// <summary>The generator met something it could not handle in a YAML file; never silent.</summary>
        public static readonly DiagnosticRule GeneratorFailure = new(
            "DSLAE299", "Generator failure on a YAML model", Severity.Error,
            "The DslAe generator could not process '{0}': {1}. This is a bug in DslAe; please report it with this file",
            "The generator never throws (the compiler would drop its output with only a warning); anything unexpected becomes this error instead.",
            "(none: this reports a bug)",
            "Report the file; meanwhile simplify it until the error goes.") { Category = DiagnosticCategories.Generation };

        /// <summary>All rules of this catalogue, ordered by ID.</summary>
        public static IReadOnlyList<DiagnosticRule> All { get; } = new[]
        {
            SyntaxError, UnknownKey, WrongType, MissingKey, UnknownValue, DuplicateKey, InvalidName,
            ConflictingKeys, KeyDoesNotApply, EmptyFile, SeveralDocuments, GeneratorFailure,
        };
    }
}
