using DslAe.Torch;
using LibTorch = DslAe.Torch.Torch;

namespace DslAe.Training;

/// <summary>Device choice and the process settings a fast CPU run needs.</summary>
public static class TrainingDevice
{
    /// <summary>
    /// "auto" (CUDA when this libtorch has it and a GPU is present, else the CPU), "cpu", "cuda" or "cuda:N".
    /// Asking for CUDA where there is none fails with the reason instead of falling back silently.
    /// </summary>
    public static Device Resolve(string? name)
    {
        Device device;
        try
        {
            device = Device.Parse(string.IsNullOrWhiteSpace(name) ? "auto" : name);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--device {name}: {e.Message}", e);
        }
        if (device.IsCuda && device.Index >= LibTorch.CudaDeviceCount)
            throw new ArgumentException(LibTorch.CudaDeviceCount == 0
                ? $"--device {name}: no CUDA device is available (this libtorch {LibTorch.Version} has no CUDA support or no GPU is visible); use --device cpu or auto"
                : $"--device {name}: there are only {LibTorch.CudaDeviceCount} CUDA device(s) (cuda:0..cuda:{LibTorch.CudaDeviceCount - 1})");
        return device;
    }

    /// <summary>
    /// libtorch starts with one intra-op thread on these machines (see docs/performance.md): use every core,
    /// or training runs at half speed on two cores.
    /// </summary>
    public static void UseAllCores()
    {
        if (LibTorch.GetNumThreads() < Environment.ProcessorCount) LibTorch.SetNumThreads(Environment.ProcessorCount);
    }
}
