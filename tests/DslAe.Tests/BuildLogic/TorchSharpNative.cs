namespace DslAe.Tests.BuildLogic;

/// <summary>Where TorchSharp's native library is: as its package ships it, and as this test's build copied it.</summary>
internal static class TorchSharpNative
{
    /// <summary>The package's libLibTorchSharp.so in the NuGet cache, for the TorchSharp version this test runs with.</summary>
    public static string Original
    {
        get
        {
            var v = typeof(TorchSharp.torch).Assembly.GetName().Version!;
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(packages, "torchsharp", $"{v.Major}.{v.Minor}.{v.Build}", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    /// <summary>The copy in this test's output folder, the one TorchSharp loads here.</summary>
    public static string OutputCopy => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
}
