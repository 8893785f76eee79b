using System.Text.RegularExpressions;

namespace DslAe.Package.Tests;

/// <summary>
/// A new user's path: a fresh console project outside the repository, <c>dotnet add package DslAe</c> from the local
/// feed, the README's model and one-line Program.cs, then build, <c>summary</c> and a short <c>train</c>; the same
/// consumer with a wrong stride fails its build at the argument; a GPU user's backend swap.
/// </summary>
[Collection(PackageFeed.Collection)]
public sealed partial class ConsumerTests(PackageFeed feed)
{
    private const string Correct = "[ConvT(1, Kernel = 3, Stride = 2,";
    private const string Wrong = "[ConvT(1, Kernel = 3, Stride = 3,";

    [Fact]
    public void A_new_console_project_with_the_package_builds_summarises_and_trains()
    {
        var consumer = feed.CreateConsumer("FashionConsumer");
        // The YAML front end reaches package users too: the package's props make *.dslae.yaml AdditionalFiles.
        File.Copy(RepositoryFiles.PathOf("examples/UNetDenoiser/unet_denoiser.dslae.yaml"), Path.Combine(consumer.Folder, "unet_denoiser.dslae.yaml"));

        var (code, build) = consumer.Build();
        Assert.True(code == 0, "the consumer's build failed:\n" + build);
        Assert.Equal(SystemLibStdCxxLacksGcc13(), build.Contains("the build uses a copy with that requirement marked optional", StringComparison.Ordinal));

        var (summaryCode, summary) = consumer.Run("summary", "--model", "FashionAe");
        Assert.True(summaryCode == 0, summary);
        Assert.Matches(@"Dec2\s+ConvTranspose\s+1x28x28\s+289", summary);
        Assert.Matches(@"total\s+241,441", summary);
        var (yamlCode, yaml) = consumer.Run("summary", "--model", "UNetDenoiser");
        Assert.True(yamlCode == 0, yaml);
        Assert.Contains("UNetDenoiser", yaml, StringComparison.Ordinal);

        var run = Path.Combine(consumer.Folder, "run");
        var (trainCode, train) = consumer.Run("train", "--model", "FashionAe", "--epochs", "1", "--limit", "256", "--out", run);
        Assert.True(trainCode == 0, "training from the package failed:\n" + train);
        Assert.Contains("test MSE", train, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "report.html")) && File.Exists(Path.Combine(run, "model.safetensors")), train);
    }

    [Fact]
    public void The_consumer_with_a_wrong_stride_fails_its_build_at_the_argument_with_a_help_link_into_the_package()
    {
        var consumer = feed.CreateConsumer("WrongStride");
        var text = File.ReadAllText(consumer.Declaration);
        Assert.True(text.Contains(Correct, StringComparison.Ordinal), "The example no longer declares " + Correct + "; update this test");
        var broken = text.Replace(Correct, Wrong, StringComparison.Ordinal);
        File.WriteAllText(consumer.Declaration, broken);
        var offset = broken.IndexOf(Wrong, StringComparison.Ordinal) + Wrong.IndexOf("Stride", StringComparison.Ordinal);
        var line = broken[..offset].Count(c => c == '\n') + 1;
        var column = offset - broken.LastIndexOf('\n', offset - 1);

        var (code, output) = consumer.Build();

        Assert.True(code != 0, "The build succeeded although Dec2 produces 42x42:\n" + output);
        var expected = $"{consumer.Declaration}({line},{column}): error DSLAE001: Dec2: expected 28x28, received 42x42; set Stride = 2 on Dec2 to get 28x28";
        Assert.True(output.Contains(expected, StringComparison.Ordinal), "Expected '" + expected + "' in the build output:\n" + output);
        // The help link the compiler prints opens the diagnostics page inside the package, at the rule's section.
        var link = HelpLink().Match(output);
        Assert.True(link.Success, "no help link in:\n" + output);
        var page = new Uri(link.Groups["page"].Value).LocalPath;
        Assert.True(File.Exists(page), page + " does not exist");
        Assert.Contains("## DSLAE001", File.ReadAllText(page), StringComparison.Ordinal);
        Assert.Equal("dslae001", link.Groups["anchor"].Value);
    }

    [Fact]
    public void The_cuda_backend_setting_replaces_libtorchs_cpu_build_in_the_output_and_without_a_cuda_package_says_what_to_add()
    {
        var consumer = feed.CreateConsumer("CudaConsumer");

        var (failed, message) = consumer.Build("-p:DslAeTorchBackend=cuda");
        Assert.True(failed != 0, "a CUDA build without a CUDA backend package succeeded:\n" + message);
        Assert.Contains("no libtorch CUDA backend is referenced", message, StringComparison.Ordinal);
        Assert.Contains("TorchSharp-cuda-linux", message, StringComparison.Ordinal);

        PackageFeed.Run(consumer.Folder, "add", "package", PackageFeed.FakeCudaPackage, "--version", feed.Version);
        var (code, output) = consumer.Build("-p:DslAeTorchBackend=cuda");
        Assert.True(code == 0, output);
        var native = Path.Combine(consumer.Output, "runtimes", "linux-x64", "native");
        Assert.True(File.Exists(Path.Combine(native, "libtorch_cuda.so")), "the CUDA backend's files did not reach " + native);
        Assert.False(File.Exists(Path.Combine(native, "libtorch_cpu.so")), "libtorch's CPU build is still in " + native);
        Assert.False(File.Exists(Path.Combine(native, "libc10.so")), "libtorch's CPU libc10 is still in " + native);
        Assert.True(File.Exists(Path.Combine(native, "libLibTorchSharp.so")), "TorchSharp's own native library must stay");
    }

    /// <summary>True when this machine's libstdc++ predates GCC 13 (no GLIBCXX_3.4.32 version string in it).</summary>
    private static bool SystemLibStdCxxLacksGcc13()
    {
        var library = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }.First(File.Exists);
        var bytes = File.ReadAllBytes(library);
        return bytes.AsSpan().IndexOf("GLIBCXX_3.4.32\0"u8) < 0;
    }

    [GeneratedRegex(@"error DSLAE001: [^\n]*\((?<page>file://[^#)]+)#(?<anchor>[a-z0-9]+)\)")]
    private static partial Regex HelpLink();
}
