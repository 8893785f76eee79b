using System.Diagnostics;

namespace DslAe.TestSupport;

/// <summary>
/// Runs the dotnet CLI as a user would (build, pack, new, add package, run) in a child process, with the test host's
/// MSBuild variables removed so the child finds its own SDK state.
/// </summary>
public static class DotnetCommand
{
#if DEBUG
    /// <summary>The configuration the tests themselves were built in.</summary>
    public const string Configuration = "Debug";
#else
    /// <summary>The configuration the tests themselves were built in.</summary>
    public const string Configuration = "Release";
#endif

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; fails the test after <paramref name="timeout"/>.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var variable in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(" ", arguments)} did not finish within {limit.TotalMinutes:0} minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
