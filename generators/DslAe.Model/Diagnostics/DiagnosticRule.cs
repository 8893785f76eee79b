using System.Globalization;

namespace DslAe.Model
{
    /// <summary>
    /// One entry of a diagnostics catalogue: the single definition of a rule's ID, title, severity,
    /// message format and documentation. Front ends define their own rules with this type (in their
    /// reserved ID ranges) so docs/diagnostics.md can be generated from all catalogues alike.
    /// </summary>
    /// <param name="Id">"DSLAE" and three digits.</param>
    /// <param name="Title">Short title (the Roslyn descriptor's title).</param>
    /// <param name="Severity">Default severity.</param>
    /// <param name="MessageFormat">Composite format (invariant culture) of the message.</param>
    /// <param name="Explanation">Why the rule exists, for the docs.</param>
    /// <param name="Example">A declaration that triggers it and the message it gets, for the docs.</param>
    /// <param name="Fix">How to fix it in general, for the docs (messages carry the specific fix).</param>
    public sealed record DiagnosticRule(string Id, string Title, Severity Severity, string MessageFormat, string Explanation, string Example, string Fix)
    {
        /// <summary>What the rule is about (<see cref="DiagnosticCategories"/>): Roslyn's category, for grouping and rule sets.</summary>
        public string Category { get; init; } = "DslAe";

        /// <summary>Link to this rule's section of docs/diagnostics.md.</summary>
        public string HelpLink => DiagnosticCatalogue.HelpLinkBase + "#" + Id.ToLowerInvariant();

        /// <summary>A diagnostic of this rule at <paramref name="location"/>, the message formatted with the invariant culture.</summary>
        public DiagnosticInfo Create(SourceLocation location, params object[] args) =>
            new(Id, Severity, string.Format(CultureInfo.InvariantCulture, MessageFormat, args), location);

        /// <summary>
        /// <see cref="Create"/> for a front-end neutral rule: the arguments its message marks (<c>«Stride = 2»</c>, see
        /// <see cref="ArgumentSpelling"/>) are spelt the way <paramref name="frontEnd"/> writes them.
        /// </summary>
        public DiagnosticInfo CreateFor(FrontEnd frontEnd, SourceLocation location, params object[] args) =>
            new(Id, Severity, ArgumentSpelling.Render(string.Format(CultureInfo.InvariantCulture, MessageFormat, args), frontEnd), location);
    }
}
