namespace DslAe.Cli;

/// <summary>The file an <c>--out</c> names for a command that writes one file (export, reconstruct).</summary>
internal static class OutputFile
{
    /// <summary>
    /// <paramref name="given"/> or <paramref name="fallback"/>, checked before any work: a folder there, or a parent
    /// that is a file, is an error now with the fix, not an exception after the weights and data have loaded.
    /// </summary>
    public static string Check(string? given, string fallback)
    {
        var path = given ?? fallback;
        if (Directory.Exists(path))
            throw new IOException($"--out {path} is a folder; this command writes one file: pass a file name, such as {Path.Combine(path, Path.GetFileName(fallback))}");
        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        while (parent is not null && !Path.Exists(parent)) parent = Path.GetDirectoryName(parent);
        if (parent is not null && File.Exists(parent))
            throw new IOException($"--out {path}: {parent} is a file, not a folder; choose another --out");
        return path;
    }
}
