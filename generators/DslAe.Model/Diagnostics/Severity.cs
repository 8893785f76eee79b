namespace DslAe.Model
{
    /// <summary>Severity of a diagnostic; the generator maps it onto Roslyn's DiagnosticSeverity.</summary>
    public enum Severity
    {
        /// <summary>The model cannot be built; nothing is emitted.</summary>
        Error,

        /// <summary>The model builds but probably does not do what was meant.</summary>
        Warning,

        /// <summary>A remark.</summary>
        Info,
    }
}
