using DslAe.Model;

namespace DslAe.ShapeAgreement.Tests;

/// <summary>
/// One random single-layer configuration: the model to infer, and the libtorch call that realises
/// it. <see cref="RunTorch"/> receives the plan: when inference accepted the model it runs the
/// LOWERED arguments (so the lowering is checked too); when inference rejected it, it runs the
/// configuration as a PyTorch user would write it, which libtorch must then reject as well.
/// It returns libtorch's output shape, or throws TorchException.
/// </summary>
internal sealed record AgreementCase(string Kind, string Description, ModelSpec Spec, Func<ModelPlan, long[]> RunTorch)
{
    /// <summary>Our verdict: accepted (shape) or rejected (the errors, reconstruction aside).</summary>
    public (Shape? Shape, IReadOnlyList<DiagnosticInfo> Errors) Infer(out ModelPlan plan)
    {
        plan = ShapeInference.Infer(Spec);
        // A single-layer model is not an autoencoder: DSLAE001 says nothing about the layer.
        var errors = plan.Diagnostics.Where(d => d.Severity == Severity.Error && d.Id != DiagnosticCatalogue.ReconstructionMismatch.Id).ToList();
        return (errors.Count == 0 ? plan.Encoder[plan.Encoder.Count - 1].Output : null, errors);
    }
}
