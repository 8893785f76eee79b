using DslAe.Model;

namespace DslAe.Generators.CSharp
{
    /// <summary>
    /// What the C# front end read from one <c>[Autoencoder]</c> type: the IR (null when the declaration is too
    /// broken to describe a model), the partial type to complete, and the front end's own diagnostics.
    /// </summary>
    internal sealed record FrontEndResult(ModelSpec? Spec, DeclarationTarget? Target, EquatableArray<DiagnosticInfo> Diagnostics);
}
