using System.Runtime.Loader;
using DslAe.Torch.Interop;

namespace DslAe.Torch.Tests;

public class ErrorTests
{
    [Fact]
    public void Conv2d_with_mismatched_channels_throws_libtorchs_message_and_the_process_goes_on()
    {
        using var x = Torch.Zeros([1, 3, 8, 8]);
        using var w = Torch.Zeros([4, 2, 3, 3]);
        var e = Assert.Throws<TorchException>(() => Functional.Conv2d(x, w));
        // libtorch's own wording (1.13 and 2.x): "expected input[1, 3, 8, 8] to have 2 channels, but got 3 channels instead".
        Assert.Contains("to have 2 channels, but got 3 channels instead", e.Message);
        Assert.DoesNotContain("Exception raised from", e.Message); // backtrace stripped

        using var ok = Functional.Conv2d(x, Torch.Zeros([4, 3, 3, 3]));
        Assert.Equal([1L, 4, 6, 6], ok.Shape);
    }

    [Fact]
    public void Shape_errors_of_views_and_matmul_carry_libtorchs_message()
    {
        using var x = Torch.Zeros([2, 3]);
        Assert.Contains("shape '[4, 2]' is invalid for input of size 6", Assert.Throws<TorchException>(() => x.View(4, 2)).Message);
        Assert.Contains("cannot be multiplied", Assert.Throws<TorchException>(() => x.Matmul(x)).Message);
    }

    [Fact]
    public void Errors_on_one_thread_do_not_leak_into_another()
    {
        var messages = new string[2];
        Parallel.For(0, 2, i =>
        {
            using var x = Torch.Zeros([2, 3]);
            try
            {
                if (i == 0) x.View(5);
                else x.Reshape(7);
            }
            catch (TorchException e)
            {
                messages[i] = e.Message;
            }
        });
        Assert.Contains("[5]", messages[0]);
        Assert.Contains("[7]", messages[1]);
    }

    [Fact]
    public void Loading_a_missing_shim_names_the_file_the_libtorch_and_the_fix()
    {
        const string path = "/nonexistent/folder/libdslae_torch.so";
        var e = Assert.Throws<TorchLoadException>(() => NativeLoader.Load(path));
        Assert.Equal(path, e.Path);
        Assert.Contains(path, e.Message);
        Assert.Contains("does not exist", e.Message);
        Assert.Contains($"libtorch {NativeLoader.BuiltAgainstVersion}", e.Message);
        Assert.Contains("dotnet build", e.Message);
    }

    [Fact]
    public void Loading_an_unloadable_shim_reports_the_loaders_reason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.so");
        File.WriteAllText(path, "not an ELF file");
        try
        {
            var e = Assert.Throws<TorchLoadException>(() => NativeLoader.Load(path));
            Assert.Contains(path, e.Message);
            Assert.Contains(NativeLoader.BuiltAgainstLibDir, e.Message);
            Assert.Contains("LIBTORCH=", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_fresh_copy_of_the_binding_pointed_at_a_bad_shim_raises_TorchLoadException_on_first_use()
    {
        _ = Torch.Version; // this test's own copy is loaded before the override below exists
        var context = new AssemblyLoadContext("bad-shim-probe", isCollectible: true);
        const string bad = "/nonexistent/libdslae_torch.so";
        try
        {
            var copy = context.LoadFromAssemblyPath(typeof(Torch).Assembly.Location);
            var version = copy.GetType("DslAe.Torch.Torch")!.GetProperty("Version")!;
            Environment.SetEnvironmentVariable("DSLAE_TORCH_NATIVE", bad);
            var thrown = Assert.ThrowsAny<Exception>(() => version.GetValue(null));
            var loadError = Unwrap(thrown);
            Assert.True(loadError.GetType().FullName == typeof(TorchLoadException).FullName, $"expected TorchLoadException, got {thrown}");
            Assert.Contains(bad, loadError.Message);
            Assert.Contains($"libtorch {NativeLoader.BuiltAgainstVersion}", loadError.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DSLAE_TORCH_NATIVE", null);
            context.Unload();
        }
    }

    private static Exception Unwrap(Exception e)
    {
        while (e.GetType().Name != nameof(TorchLoadException) && e.InnerException is { } inner) e = inner;
        return e;
    }
}
