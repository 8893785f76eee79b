namespace DslAe.Cli;

/// <summary>Where commands write, and whether a live progress display can be drawn there.</summary>
internal sealed record CliContext(TextWriter Output, TextWriter Error, bool Interactive);
