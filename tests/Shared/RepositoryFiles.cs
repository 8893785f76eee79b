namespace DslAe.TestSupport;

/// <summary>Finds files of the repository from a test's output folder (the root holds DslAe.sln).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DslAe.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("DslAe.sln not found above " + AppContext.BaseDirectory);
    }
}
