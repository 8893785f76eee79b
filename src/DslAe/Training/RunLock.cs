using System.Globalization;

namespace DslAe.Training;

/// <summary>
/// One process's exclusive claim on a run folder for as long as it trains there: two trainers on one folder (two
/// runs with the same <c>--out</c>, or a <c>--resume</c> of a run still training) would interleave metrics.jsonl and
/// steps.jsonl and overwrite each other's checkpoints. The claim is <see cref="LockFileName"/> opened with
/// <see cref="FileShare.None"/> and kept open: the operating system holds the lock (flock on Unix), so a killed
/// process releases it with no stale lock left behind. A locked file cannot be read by others, so who holds it is
/// written beside it in <see cref="HolderFileName"/>, for the message the next trainer prints.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>The file held open, in the run folder.</summary>
    public const string LockFileName = ".dslae-run.lock";

    /// <summary>The holder's process id and start time, one line, in the run folder.</summary>
    public const string HolderFileName = ".dslae-run.holder";

    private readonly FileStream stream;
    private readonly string holderFile;

    private RunLock(FileStream stream, string holderFile) => (this.stream, this.holderFile) = (stream, holderFile);

    /// <summary>
    /// Claims <paramref name="folder"/> (which must exist) for this process, or fails with an
    /// <see cref="InvalidOperationException"/> naming the process that holds it.
    /// </summary>
    public static RunLock Acquire(string folder)
    {
        var path = Path.Combine(folder, LockFileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException) && File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{folder} is in use by another training run ({Holder(folder)}): wait for it to finish or stop it, or choose another --out", e);
        }
        var holderFile = Path.Combine(folder, HolderFileName);
        try
        {
            var holder = string.Create(CultureInfo.InvariantCulture,
                $"process {Environment.ProcessId} on {Environment.MachineName}, started {DateTime.Now:yyyy-MM-dd HH:mm:ss}");
            File.WriteAllText(holderFile, holder + Environment.NewLine);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new RunLock(stream, holderFile);
    }

    private static string Holder(string folder)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(folder, HolderFileName)).Trim();
            return text.Length > 0 ? text : "holder unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "holder unknown";
        }
    }

    /// <summary>Releases the folder. The lock file stays: deleting it could let two later trainers lock two different files.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(holderFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stale holder line is only read while the lock is held by someone else, and then it is theirs.
        }
        stream.Dispose();
    }
}
