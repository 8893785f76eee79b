namespace DslAe.Data;

/// <summary>
/// A data file that is missing or cannot be used. The message names the file and what is wrong with it
/// (bad magic number, truncated, wrong dimensions) and, where there is one, the fix.
/// </summary>
public sealed class DataFileException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    /// <summary>The file (or folder) at fault.</summary>
    public string FilePath { get; } = path;

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; } = problem;
}
