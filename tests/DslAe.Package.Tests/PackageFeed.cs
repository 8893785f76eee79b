using System.IO.Compression;
using System.Text;

namespace DslAe.Package.Tests;

/// <summary>
/// A local package folder holding the DslAe package packed from this repository at a version of its own (so NuGet's
/// cache never serves an older build of it), plus a stand-in CUDA backend package, and a nuget.config that names only
/// that folder: consumers restore everything else from the global packages folder the repository's restore filled,
/// with no network. Everything it creates, the cache entries included, is removed when the tests end.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    /// <summary>The tests that share one packed feed.</summary>
    public const string Collection = "package feed";

    /// <summary>A package whose name starts like TorchSharp's CUDA backends ("libtorch-cuda-..."), holding one native file.</summary>
    public const string FakeCudaPackage = "libtorch-cuda-dslae-test-linux-x64";

    private readonly string root = Directory.CreateTempSubdirectory("dslae-package-tests-").FullName;

    public PackageFeed()
    {
        Version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Folder);
        var (code, output) = DotnetCommand.Run(RepositoryFiles.Root,
            ["pack", RepositoryFiles.PathOf("src/DslAe.Package/DslAe.Package.csproj"), "-c", DotnetCommand.Configuration, "--no-build", "-nologo",
             "-o", Folder, "-p:PackageVersion=" + Version]);
        Assert.True(code == 0, "dotnet pack failed:\n" + output);
        WriteFakeCudaPackage();
        File.WriteAllText(NuGetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="dslae-test-feed" value="{Folder}" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>The version this run packed.</summary>
    public string Version { get; }

    /// <summary>The local package folder.</summary>
    public string Folder => Path.Combine(root, "feed");

    /// <summary>The packed DslAe package.</summary>
    public string Package => Path.Combine(Folder, $"DslAe.{Version}.nupkg");

    private string NuGetConfig => Path.Combine(root, "nuget.config");

    /// <summary>
    /// A fresh console project named <paramref name="name"/> (its own folder under this feed's, so it sees the feed's
    /// nuget.config and no repository file), with <c>dotnet add package DslAe</c> done and the README's model and
    /// one-line Program.cs written.
    /// </summary>
    public Consumer CreateConsumer(string name)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        Run(folder, "new", "console", "-n", name, "-o", ".");
        Run(folder, "add", "package", "DslAe", "--version", Version);
        File.Delete(Path.Combine(folder, "Program.cs"));
        File.WriteAllText(Path.Combine(folder, "Program.cs"), "return await DslAe.Cli.DslAeApp.RunAsync(args);\n");
        File.Copy(RepositoryFiles.PathOf("examples/FashionAutoencoder/FashionAe.cs"), Path.Combine(folder, "FashionAe.cs"));
        return new Consumer(folder, name);
    }

    /// <summary>Runs dotnet in <paramref name="folder"/> and fails the test, with the output, when it fails.</summary>
    public static string Run(string folder, params string[] arguments)
    {
        var (code, output) = DotnetCommand.Run(folder, arguments);
        Assert.True(code == 0, $"dotnet {string.Join(" ", arguments)} failed in {folder}:\n{output}");
        return output;
    }

    public void Dispose()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var entry in new[] { Path.Combine(cache, "dslae", Version), Path.Combine(cache, FakeCudaPackage, Version) })
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
        }

        Directory.Delete(root, recursive: true);
    }

    /// <summary>A nupkg is a zip: the nuspec at its root and the files beside it.</summary>
    private void WriteFakeCudaPackage()
    {
        using var zip = ZipFile.Open(Path.Combine(Folder, $"{FakeCudaPackage}.{Version}.nupkg"), ZipArchiveMode.Create);
        Write(zip, FakeCudaPackage + ".nuspec", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{FakeCudaPackage}</id>
                <version>{Version}</version>
                <authors>DslAe tests</authors>
                <description>Stands in for a TorchSharp CUDA backend in DslAe's package tests: one native file, no libtorch.</description>
              </metadata>
            </package>
            """);
        Write(zip, "runtimes/linux-x64/native/libtorch_cuda.so", "not a library: a marker that the CUDA backend's files reach the output\n");
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}

/// <summary>A console project that references the DslAe package.</summary>
public sealed record Consumer(string Folder, string Name)
{
    public string Project => Path.Combine(Folder, Name + ".csproj");

    public string Declaration => Path.Combine(Folder, "FashionAe.cs");

    /// <summary>Where a Release build puts the app and its native files.</summary>
    public string Output => Path.Combine(Folder, "bin", DotnetCommand.Configuration, "net10.0");

    public (int ExitCode, string Output) Build(params string[] extra) =>
        DotnetCommand.Run(Folder, ["build", Project, "-c", DotnetCommand.Configuration, "-nologo", "-nodeReuse:false", "-clp:NoSummary", .. extra]);

    /// <summary>Runs the built app (no rebuild) with <paramref name="arguments"/>.</summary>
    public (int ExitCode, string Output) Run(params string[] arguments) =>
        DotnetCommand.Run(Folder, ["run", "--project", Project, "-c", DotnetCommand.Configuration, "--no-build", "--", .. arguments]);
}

/// <summary>One feed (one pack) for every test of this assembly.</summary>
[CollectionDefinition(PackageFeed.Collection)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>;
