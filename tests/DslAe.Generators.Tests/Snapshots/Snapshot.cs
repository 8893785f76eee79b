using System.Runtime.CompilerServices;

namespace DslAe.Generators.Tests.Snapshots;

/// <summary>
/// Snapshot assertions in Verify's conventions (Verify itself cannot be restored here): the accepted text lives in
/// <c>Name.verified.cs</c> beside the test's source file; on a mismatch <c>Name.received.cs</c> is written next to
/// it and the failure message carries a unified diff. Set <see cref="AcceptVariable"/>=1 to accept every received
/// text as the new verified one (then review the change with <c>git diff</c>). Line endings are normalised to "\n"
/// so a checkout with CRLF endings compares equal.
/// </summary>
public static class Snapshot
{
    /// <summary>The environment switch that accepts received snapshots.</summary>
    public const string AcceptVariable = "DSLAE_ACCEPT_SNAPSHOTS";

    /// <summary>Compares <paramref name="actual"/> with <paramref name="name"/>.verified.cs in the calling test's folder.</summary>
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "") =>
        Match(actual, Path.GetDirectoryName(callerFile)!, name, AcceptRequested());

    /// <summary>The comparison itself, with the folder and the accept switch explicit (the helper's own tests use it).</summary>
    public static void Match(string actual, string directory, string name, bool accept)
    {
        var verifiedPath = Path.Combine(directory, name + ".verified.cs");
        var receivedPath = Path.Combine(directory, name + ".received.cs");
        var received = Normalise(actual);
        var verified = File.Exists(verifiedPath) ? Normalise(File.ReadAllText(verifiedPath)) : null;

        if (received == verified || accept)
        {
            if (received != verified)
            {
                File.WriteAllText(verifiedPath, received);
            }

            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        var diff = verified is null
            ? "(no verified snapshot yet: " + verifiedPath + " does not exist)"
            : UnifiedDiff.Render(verified, received, Path.GetFileName(verifiedPath), Path.GetFileName(receivedPath));
        throw new SnapshotMismatchException(
            "Snapshot '" + name + "' differs from " + verifiedPath + ".\n" +
            "Received text written to " + receivedPath + ".\n" +
            "If the change is intended, run the tests with " + AcceptVariable + "=1 (or copy the received file over the verified one).\n\n" +
            diff);
    }

    /// <summary>"\n" line endings, no byte-order mark, exactly one final newline.</summary>
    public static string Normalise(string text) =>
        text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').TrimEnd('\n') + "\n";

    private static bool AcceptRequested() =>
        Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true" or "True";
}

/// <summary>A snapshot differs from its verified text.</summary>
public sealed class SnapshotMismatchException(string message) : Exception(message);
