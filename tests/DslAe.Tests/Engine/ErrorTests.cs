using System.Runtime.InteropServices;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DslAe.Tests.Engine;

/// <summary>
/// libtorch's errors reach .NET as <see cref="ExternalException"/> (TorchSharp's translation) carrying libtorch's own
/// message, and the process goes on: the command line relies on that type to print such an error as one line
/// (DslAeApp.IsUserError).
/// </summary>
public sealed class ErrorTests
{
    [Fact]
    public void Conv2d_with_mismatched_channels_throws_libtorchs_message_and_the_next_call_works()
    {
        using var scope = NewDisposeScope();
        var x = zeros(1, 3, 8, 8);
        var e = Assert.Throws<ExternalException>(() => F.conv2d(x, zeros(4, 2, 3, 3)));
        // libtorch's wording (1.13 and 2.x): "expected input[1, 3, 8, 8] to have 2 channels, but got 3 channels instead".
        Assert.Contains("to have 2 channels, but got 3 channels instead", e.Message.Split('\n')[0]);   // the reason comes first
        Assert.Equal([1L, 4, 6, 6], F.conv2d(x, zeros(4, 3, 3, 3)).shape);   // the error was consumed, not left pending
    }

    [Fact]
    public void Shape_errors_of_mm_and_view_carry_libtorchs_message()
    {
        // mm, not matmul: TorchSharp 0.107's native THSTensor_matmul has no try/catch, so a shape error there is an
        // uncaught C++ exception that terminates the process (std::terminate) instead of throwing in .NET.
        using var scope = NewDisposeScope();
        var x = zeros(2, 3);
        Assert.Contains("cannot be multiplied", Assert.Throws<ExternalException>(() => x.mm(x)).Message);
        Assert.Contains("shape '[4, 2]' is invalid for input of size 6", Assert.Throws<ExternalException>(() => x.view(4, 2)).Message);
    }

    [Fact]
    public void Backward_of_a_non_scalar_is_a_libtorch_error()
    {
        using var scope = NewDisposeScope();
        var x = ones(3).requires_grad_();
        var e = Assert.Throws<ExternalException>(() => (x * 2).backward());
        Assert.Contains("grad can be implicitly created only for scalar outputs", e.Message);
    }

    [Fact]
    public void A_generated_module_fed_the_wrong_image_size_raises_libtorchs_error_and_stays_usable()
    {
        // 32x32 instead of 28x28: the convolutions accept it, the code's Linear(784 -> 16) gets 16·8·8 = 1024 features.
        using var scope = NewDisposeScope();
        using var module = TinyAe.Definition.CreateModule();
        var e = Assert.Throws<ExternalException>(() => module.call(zeros(2, 1, 32, 32)));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x1024 and 784x16)", e.Message);
        Assert.Equal([2L, 1, 28, 28], module.call(zeros(2, 1, 28, 28)).shape);
        // Wrong channels never reach libtorch: TorchSharp's Conv2d module checks them itself, as an ArgumentException
        // (which the command line also reports as one line).
        Assert.Contains("with 1 channels to Conv2d", Assert.Throws<ArgumentException>(() => module.call(zeros(2, 3, 28, 28))).Message);
    }

    [Fact]
    public void Errors_on_one_thread_do_not_leak_into_another()
    {
        // libtorch keeps the last error per thread; each thread must see its own message.
        var messages = new string?[2];
        Parallel.For(0, 2, i =>
        {
            using var scope = NewDisposeScope();
            var x = zeros(2, 3);
            try
            {
                if (i == 0) x.view(5);
                else x.reshape(7);
            }
            catch (ExternalException e)
            {
                messages[i] = e.Message;
            }
        });
        Assert.Contains("[5]", messages[0]);
        Assert.Contains("[7]", messages[1]);
    }

    [Fact]
    public async Task A_weights_file_that_makes_libtorch_fail_gives_the_command_line_one_error_line_naming_the_file()
    {
        // A corrupt weights file is the natural way for a user to reach a libtorch error through the command line: a
        // shape whose byte count overflows 64 bits gets past the header checks to libtorch's allocator, which refuses
        // it. Whatever refuses it, the user must get one "error:" line that names the file, not libtorch's C++
        // backtrace (TorchSharp's exception messages carry the whole "Exception raised from ... frame #N" trace).
        using var folder = new TempFolder();
        var path = folder.File("corrupt.safetensors");
        File.WriteAllBytes(path, SafetensorsTests.OverflowingShape());
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await DslAe.Cli.DslAeApp.RunAsync(["eval", "--model", "TinyAe", "--checkpoint", path, "--device", "cpu"], output, error);
        Assert.Equal(1, code);
        var lines = error.ToString().TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, $"expected one error line, got {lines.Length}:\n{string.Join('\n', lines.Take(4))}\n...");
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(path, lines[0]);
    }
}
