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
            "`[Loss(LossKind.Style, Layers = new[] { nameof(Enc1) })]`\n`Loss Style: Gram-matrix style loss is checked but not generated yet; use Mse, L1, Bce, BceWithLogits, Kl, LaplacianPyramid or CrossEntropy`",
            "Use one of the capabilities the message lists, or follow the issue tracker for the one you need.");

        /// <summary>All rules of this catalogue, ordered by ID.</summary>
        public static IReadOnlyList<DiagnosticRule> All { get; } = new[] { NotYetGenerated };
    }
}
