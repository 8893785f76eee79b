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
        NativeEnvironment.ShortOpenMpSpin();
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive;
        var root = BuildRoot(new CliContext(output, error, interactive));
        var parse = root.Parse(args.Length == 0 ? ["train"] : args);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellation);
        }
        catch (Exception e) when (IsUserError(e))
        {
            error.WriteLine($"error: {OneLine(e)}");
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

    // Problems of input (options, files, data, checkpoints) get one line; anything else keeps its stack trace.
    // libtorch's own errors reach .NET as ExternalException (TorchSharp's translation), with libtorch's message.
    private static bool IsUserError(Exception e) => e is DataFileException or TrainingDivergedException or ArgumentException
        or InvalidOperationException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or FormatException or System.Runtime.InteropServices.ExternalException;
}
