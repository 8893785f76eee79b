using DslAe.Model;

namespace DslAe.Generators.CSharp
{
    /// <summary>
    /// What the emitter needs of the user's partial type to complete it: where it lives, how it is declared,
    /// and its stage properties. Plain strings only, so the incremental cache compares it by value.
    /// </summary>
    /// <param name="Namespace">Namespace, or null for the global namespace.</param>
    /// <param name="ContainingTypes">Declarations of enclosing types, outermost first ("partial class Outer").</param>
    /// <param name="Keyword">"class", "record", "struct" or "record struct".</param>
    /// <param name="TypeName">The type's name (with type parameters, which are rejected earlier).</param>
    /// <param name="StageProperties">The partial stage properties to implement.</param>
    internal sealed record DeclarationTarget(
        string? Namespace,
        EquatableArray<string> ContainingTypes,
        string Keyword,
        string TypeName,
        EquatableArray<StageProperty> StageProperties);

    /// <summary>A partial property of type <c>DslAe.Stage</c> declared by the user.</summary>
    /// <param name="Name">Property (and stage) name.</param>
    /// <param name="Accessibility">"public", "internal", …</param>
    /// <param name="IsStatic">Declared static.</param>
    internal sealed record StageProperty(string Name, string Accessibility, bool IsStatic);
}
