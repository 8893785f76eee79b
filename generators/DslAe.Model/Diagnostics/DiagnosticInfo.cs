namespace DslAe.Model
{
    /// <summary>
    /// One reported problem, as plain data (value-equatable, no Roslyn <c>Location</c>) so it can sit in
    /// the incremental generator's cache. The title and help link come from
    /// <see cref="DiagnosticCatalogue.Find"/> by <see cref="Id"/>.
    /// </summary>
    /// <param name="Id">Catalogue ID, e.g. "DSLAE002".</param>
    /// <param name="Severity">Severity.</param>
    /// <param name="Message">Full message: the stage, what was expected, what was received and the fix.</param>
    /// <param name="Location">Where to report it.</param>
    public sealed record DiagnosticInfo(string Id, Severity Severity, string Message, SourceLocation Location)
    {
        /// <summary>The changes the message proposes, as data, best first; empty when it proposes none an edit can make.</summary>
        public EquatableArray<ProposedFix> Fixes { get; init; }

        /// <summary>"path(line,col): error DSLAE002: message", as compilers print it.</summary>
        public override string ToString() => $"{Location}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
    }
}
