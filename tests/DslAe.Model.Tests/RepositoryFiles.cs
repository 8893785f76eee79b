namespace DslAe.Model.Tests;

/// <summary>Finds files of the repository from the test's output folder (the root holds DslAe.sln).</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
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

    public static string PathOf(string relative) => Path.Combine(Root, relative);
}
