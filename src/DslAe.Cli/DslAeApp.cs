using System.CommandLine;
using DslAe.Cli.Commands;
using DslAe.Data;
using DslAe.Training;

namespace DslAe.Cli;

/// <summary>
/// The command line of a program that declares models. A user's Program.cs is one line:
/// <code>return await DslAe.Cli.DslAeApp.RunAsync(args);</code>
/// Models are found through <see cref="ModelCatalog"/>. With no arguments it trains the only model with its
/// declared settings.
/// </summary>
public static class DslAeApp
{
    /// <summary>
    /// Runs the command line on the console: <c>train</c>, <c>eval</c>, <c>summary</c>, <c>reconstruct</c> or
    /// <c>export</c>; no arguments mean <c>train</c>. Returns the exit code; problems of input are reported as one
    /// <c>error:</c> line with exit code 1.
    /// </summary>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellation = default) =>
        RunAsync(args, Console.Out, Console.Error, cancellation);

    /// <summary>Runs with explicit writers; progress is drawn live only when writing to a terminal.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive;
        var root = BuildRoot(new CliContext(output, error, interactive));
        var parse = root.Parse(args.Length == 0 ? ["train"] : args);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellation);
        }
        catch (Exception e) when (IsUserError(e))
        {
            var fix = Fix(e);
            error.WriteLine($"error: {(fix.Length > 0 ? OneLine(e).TrimEnd('.') : OneLine(e))}{fix}");
            return 1;
        }
    }

    internal static RootCommand BuildRoot(CliContext context)
    {
        var options = new CliOptions();
        var root = new RootCommand($"""
            Train and use the autoencoders declared in this program.
            With no arguments: train the only model with its declared settings.

            Models:
            {ModelChoice.Listing()}
            """)
        {
            TrainCommand.Create(options, context),
            EvalCommand.Create(options, context),
            SummaryCommand.Create(options, context),
            ReconstructCommand.Create(options, context),
            SampleCommand.Create(options, context),
            ScoreCommand.Create(options, context),
            ExportCommand.Create(options, context),
        };
        return root;
    }

    /// <summary>
    /// The message of a user error as one line. libtorch's errors (TorchSharp raises them as ExternalException) carry
    /// libtorch's C++ backtrace after the message ("Exception raised from ... frame #0 ..."): only the message is shown.
    /// </summary>
    internal static string OneLine(Exception e)
    {
        var message = e.Message;
        var backtrace = message.IndexOf("\nException raised from", StringComparison.Ordinal);
        if (backtrace >= 0) message = message[..backtrace];
        return message.Trim().Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ');
    }

    // Problems of input (options, files, data, checkpoints) and of the machine (a full or read-only disk, a folder
    // that cannot be written, too little memory) get one line; anything else keeps its stack trace.
    // libtorch's own errors reach .NET as ExternalException (TorchSharp's translation), with libtorch's message.
    private static bool IsUserError(Exception e) => e is DataFileException or TrainingDivergedException or ArgumentException
        or InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException or FormatException
        or System.Text.Json.JsonException or OutOfMemoryException or System.Runtime.InteropServices.ExternalException;

    // Unix errno values .NET puts in IOException.HResult.
    private const int NoSpace = 28, ReadOnlyFileSystem = 30;

    /// <summary>
    /// The fix for a fault of the machine whose message is only .NET's ("No space left on device : '/run/x'"), to
    /// append to it. The project's own exceptions say their fix already, and carry no errno in their HResult.
    /// </summary>
    internal static string Fix(Exception e) =>
        e switch
        {
            UnauthorizedAccessException => "; check the permissions of the file or folder, or choose another",
            IOException { HResult: NoSpace } => "; the disk is full: free some space and run again",
            IOException { HResult: ReadOnlyFileSystem } => "; the file system is read-only: choose a folder on a writable one",
            OutOfMemoryException => "; not enough memory: use --limit or a smaller --batch, or free memory",
            _ => "",
        };
}
