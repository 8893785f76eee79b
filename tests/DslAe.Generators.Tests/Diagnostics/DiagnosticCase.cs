using Microsoft.CodeAnalysis;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>
/// One catalogue entry exercised from C#: a declaration with the expected span marked <c>[|...|]</c>, the diagnostic's
/// severity and its full message.
/// </summary>
public sealed record DiagnosticCase(string Id, DiagnosticSeverity Severity, string MarkedSource, string Message)
{
    /// <summary>The file name every case's declaration is compiled under.</summary>
    public const string FilePath = "Cases/Ae.cs";

    /// <summary>A record named Ae in namespace Cases with the given header attributes and stage properties.</summary>
    public static string Ae(string stages, string header = "[Autoencoder(1, 28, 28)]") => $$"""
        using DslAe;

        namespace Cases;

        {{header}}
        public partial record Ae
        {
        {{stages}}
        }
        """;

    public override string ToString() => Id;
}
