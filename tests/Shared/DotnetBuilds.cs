namespace DslAe.TestSupport;

/// <summary>
/// Tests that run <c>dotnet build</c> or <c>dotnet pack</c> over this repository's projects share this xunit collection,
/// so two of them never build the same project at once within a test assembly.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DotnetBuilds
{
    public const string Name = "dotnet builds";
}
