using System.Text.RegularExpressions;

namespace DslAe.Generators.Tests.Build;

/// <summary>
/// The whole tool chain as a user meets it: a copy of examples/FashionAutoencoder with one wrong stride goes through
/// <c>dotnet build</c>, which must fail with the DSLAE error at the stage's file:line:column. One build (tens of
/// seconds) per test.
/// </summary>
[Collection(DotnetBuilds.Name)]
public sealed partial class WrongStrideBuildTests
{
    private const string Correct = "[ConvT(1, Kernel = 3, Stride = 2,";
    private const string Wrong = "[ConvT(1, Kernel = 3, Stride = 3,";

    [Fact]
    public void Build_of_the_example_with_a_wrong_stride_fails_at_the_stage()
    {
        var example = RepositoryFiles.PathOf("examples/FashionAutoencoder");
        var copy = Directory.CreateTempSubdirectory("dslae-wrong-stride-").FullName;
        try
        {
            var declaration = CopyExample(example, copy);
            var text = File.ReadAllText(declaration);
            Assert.True(text.Contains(Correct, StringComparison.Ordinal), "The example no longer declares " + Correct + "; update this test");
            var broken = text.Replace(Correct, Wrong, StringComparison.Ordinal);
            File.WriteAllText(declaration, broken);

            // Dec2 now turns 14x14 into 42x42: the error belongs on Dec2's "Stride = 3" (the argument the fix changes),
            // 1-based as compilers print it, and the fix restores the stride.
            var offset = broken.IndexOf(Wrong, StringComparison.Ordinal) + Wrong.IndexOf("Stride", StringComparison.Ordinal);
            var line = broken[..offset].Count(c => c == '\n') + 1;
            var column = offset - broken.LastIndexOf('\n', offset - 1);
            var expected = $"{declaration}({line},{column}): error DSLAE001: Dec2: expected 28x28, received 42x42; set Stride = 2 on Dec2 to get 28x28";

            var (exitCode, output) = Build(Path.Combine(copy, "FashionAutoencoder.csproj"));

            Assert.True(exitCode != 0, "The build succeeded although Dec2 produces 42x42:\n" + output);
            Assert.True(output.Contains(expected, StringComparison.Ordinal), "Expected '" + expected + "' in the build output:\n" + output);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void Build_of_the_example_with_a_documented_warning_succeeds_and_shows_it()
    {
        // Issue 13: examples are user projects, so DSLAE005 (a stride that leaves pixels unused) must not fail them.
        var copy = Directory.CreateTempSubdirectory("dslae-warning-").FullName;
        try
        {
            var declaration = CopyExample(RepositoryFiles.PathOf("examples/FashionAutoencoder"), copy);
            const string Enc1 = "[Conv(32, Kernel = 3, Stride = 2, Act = Act.Relu)]";
            var text = File.ReadAllText(declaration);
            Assert.True(text.Contains(Enc1, StringComparison.Ordinal), "The example no longer declares " + Enc1 + "; update this test");
            File.WriteAllText(declaration, text.Replace(Enc1, "[Conv(32, Kernel = 3, Stride = 2, Pad = Pad.Valid, Act = Act.Relu)]", StringComparison.Ordinal));

            var (exitCode, output) = Build(Path.Combine(copy, "FashionAutoencoder.csproj"));

            Assert.True(exitCode == 0, "A documented warning failed the example's build:\n" + output);
            Assert.Contains("warning DSLAE005", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void Build_honours_pragma_and_editorconfig_suppressions_of_a_warning()
    {
        // Issue 13, item 7: C# diagnostics sit in the syntax tree, so the standard mechanisms apply. Three copies of the
        // example's model with the same DSLAE005: one left alone (the warning must show, or the test proves nothing),
        // one inside #pragma warning disable, one in a file .editorconfig silences.
        var copy = Directory.CreateTempSubdirectory("dslae-suppression-").FullName;
        try
        {
            var declaration = CopyExample(RepositoryFiles.PathOf("examples/FashionAutoencoder"), copy);
            const string Enc1 = "[Conv(32, Kernel = 3, Stride = 2, Act = Act.Relu)]";
            var text = File.ReadAllText(declaration);
            Assert.True(text.Contains(Enc1, StringComparison.Ordinal), "The example no longer declares " + Enc1 + "; update this test");
            var warned = text.Replace(Enc1, "[Conv(32, Kernel = 3, Stride = 2, Pad = Pad.Valid, Act = Act.Relu)]", StringComparison.Ordinal);
            File.Delete(declaration);
            File.WriteAllText(Path.Combine(copy, "Loud.cs"), warned.Replace("record FashionAe", "record LoudAe", StringComparison.Ordinal));
            // The pragma around the one stage property, as a user would write it.
            var pragma = warned.Replace("record FashionAe", "record PragmaAe", StringComparison.Ordinal);
            var stage = pragma.IndexOf("    [Conv(32,", StringComparison.Ordinal);
            var end = pragma.IndexOf('\n', stage) + 1;
            pragma = pragma[..stage] + "#pragma warning disable DSLAE005 // the stride is meant\n" + pragma[stage..end] + "#pragma warning restore DSLAE005\n" + pragma[end..];
            File.WriteAllText(Path.Combine(copy, "Pragma.cs"), pragma);
            File.WriteAllText(Path.Combine(copy, "Quiet.cs"), warned.Replace("record FashionAe", "record QuietAe", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(copy, ".editorconfig"), "root = true\n\n[Quiet.cs]\ndotnet_diagnostic.DSLAE005.severity = none\n");

            var (exitCode, output) = Build(Path.Combine(copy, "FashionAutoencoder.csproj"));

            Assert.True(exitCode == 0, "The build failed:\n" + output);
            Assert.Matches(@"Loud\.cs\(\d+,\d+\): warning DSLAE005", output);
            Assert.DoesNotMatch(@"Pragma\.cs\(\d+,\d+\): warning DSLAE005", output);
            Assert.DoesNotMatch(@"Quiet\.cs\(\d+,\d+\): warning DSLAE005", output);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>
    /// Copies the project's sources, points its relative project references at the repository, and imports the
    /// repository's Directory.Build.props/targets (which turn on the generator) from the copy's folder.
    /// </summary>
    private static string CopyExample(string example, string copy)
    {
        foreach (var file in Directory.GetFiles(example).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            if (file.EndsWith(".csproj", StringComparison.Ordinal))
            {
                text = RelativeInclude().Replace(text, m => "Include=\"" + Path.GetFullPath(Path.Combine(example, m.Groups[1].Value)) + "\"");
            }

            File.WriteAllText(Path.Combine(copy, Path.GetFileName(file)), text);
        }

        // What the examples folder imports (its own props, then the repository's), as if the copy sat beside the example.
        foreach (var name in new[] { "examples/Directory.Build.props", "Directory.Build.targets" })
        {
            File.WriteAllText(Path.Combine(copy, Path.GetFileName(name)), $"<Project>\n  <Import Project=\"{RepositoryFiles.PathOf(name)}\" />\n</Project>\n");
        }

        return Path.Combine(copy, "FashionAe.cs");
    }

    private static (int ExitCode, string Output) Build(string project) =>
        DotnetCommand.Run(Path.GetDirectoryName(project)!, ["build", project, "-c", DotnetCommand.Configuration, "-nologo", "-nodeReuse:false", "-clp:NoSummary"]);

    [GeneratedRegex("Include=\"(\\.\\.[^\"]+)\"")]
    private static partial Regex RelativeInclude();
}
