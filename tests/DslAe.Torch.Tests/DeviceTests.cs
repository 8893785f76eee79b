using Xunit.Abstractions;

namespace DslAe.Torch.Tests;

public class DeviceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("cpu", DeviceType.Cpu, -1, "cpu")]
    [InlineData(" CPU ", DeviceType.Cpu, -1, "cpu")]
    [InlineData("cuda", DeviceType.Cuda, 0, "cuda:0")]
    [InlineData("cuda:1", DeviceType.Cuda, 1, "cuda:1")]
    [InlineData("CUDA:12", DeviceType.Cuda, 12, "cuda:12")]
    public void Parse_reads_cpu_and_cuda_devices(string text, DeviceType type, int index, string printed)
    {
        var d = Device.Parse(text);
        Assert.Equal(new Device(type, index), d);
        Assert.Equal(printed, d.ToString());
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("")]
    [InlineData("mps")]
    public void Parse_rejects_anything_else_with_a_message_listing_the_choices(string text)
    {
        var e = Assert.Throws<FormatException>(() => Device.Parse(text));
        Assert.Contains($"'{text}' is not a device", e.Message);
        Assert.Contains("\"cuda:N\"", e.Message);
    }

    [Fact]
    public void Auto_is_cuda_exactly_when_the_libtorch_has_a_usable_gpu()
    {
        Assert.Equal(Torch.CudaIsAvailable ? Device.Cuda(0) : Device.Cpu, Device.Parse("auto"));
        Assert.Equal(Torch.CudaDeviceCount > 0, Torch.CudaIsAvailable);
        Torch.CudaEmptyCache(); // a no-op without CUDA, and must not throw
    }

    [Fact]
    public void Tensors_moved_to_the_cpu_stay_equal()
    {
        using var x = Torch.FromArray([1f, 2f]);
        using var y = x.To(Device.Cpu);
        Assert.Equal(Device.Cpu, y.Device);
        using var z = x.To(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, z.Dtype);
        Assert.Equal([1.0, 2.0], z.ToArray<double>());
    }

    [Fact]
    public void Moving_to_cuda_without_a_gpu_fails_with_libtorchs_message_or_works_with_one()
    {
        using var x = Torch.FromArray([1f, 2f]);
        if (Torch.CudaIsAvailable)
        {
            using var g = x.To(Device.Cuda());
            Assert.Equal(Device.Cuda(0), g.Device);
            using var back = (g * 2).Cpu();
            Assert.Equal([2f, 4f], back.ToArray<float>());
            return;
        }
        // This machine has no GPU (or a CPU-only libtorch): the failure must be a clear .NET exception.
        var e = Assert.Throws<TorchException>(() => x.To(Device.Cuda()));
        Assert.Matches("CUDA|cuda", e.Message);
    }

    [Fact]
    public void Cuda_training_step_runs_on_the_gpu_when_one_is_present_skipped_here_without_a_gpu()
    {
        if (!Torch.CudaIsAvailable)
        {
            // No GPU (or a CPU-only libtorch) here: the CPU paths are tested everywhere else.
            output.WriteLine($"not run: no CUDA device visible to libtorch {Torch.Version}");
            return;
        }
        using var model = new Nn.Conv2d(1, 2, 3);
        model.To(Device.Cuda());
        Assert.All(model.Parameters(), p => Assert.True(p.Device.IsCuda));
        using var opt = new Optim.Adam(model.Parameters());
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Randn([2, 1, 5, 5], device: Device.Cuda());
        model.Forward(x).Square().Mean().Backward();
        opt.Step();
        Assert.True(model.Weight.Device.IsCuda);
        Torch.CudaEmptyCache();
    }
}
