using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace DslAe.Training;

/// <summary>Device choice and seeding; the CPU thread count is <see cref="IntraOpThreads"/>'s.</summary>
public static class TrainingDevice
{
    /// <summary>
    /// "auto" (CUDA when TorchSharp's backend has it and a GPU is visible, else the CPU), "cpu", "cuda" or "cuda:N".
    /// Asking for CUDA where there is none fails with the reason and the fix instead of falling back silently.
    /// </summary>
    public static Device Resolve(string? name)
    {
        var text = string.IsNullOrWhiteSpace(name) ? "auto" : name.Trim().ToLowerInvariant();
        if (text == "cpu") return CPU;
        if (text == "auto") return cuda.is_available() ? new Device(DeviceType.CUDA, 0) : CPU;
        int index;
        if (text == "cuda") index = 0;
        else if (!text.StartsWith("cuda:", StringComparison.Ordinal) || !int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index))
            throw new ArgumentException($"--device {name}: not a device; write cpu, cuda, cuda:N (N = 0, 1, ...) or auto");
        var count = cuda.is_available() ? cuda.device_count() : 0;
        if (count == 0)
            throw new ArgumentException($"--device {name}: no CUDA device is available: the TorchSharp backend in use ({Backend}) has no CUDA support or no GPU is visible. Use --device cpu or auto, or reference a CUDA backend package (docs/gpu.md).");
        if (index >= count)
            throw new ArgumentException($"--device {name}: there are only {count} CUDA device(s) (cuda:0..cuda:{count - 1})");
        return new Device(DeviceType.CUDA, index);
    }

    /// <summary>Which libtorch TorchSharp loaded, for messages: its version and whether it can use CUDA.</summary>
    public static string Backend => $"libtorch {__version__}, {(cuda.is_available() ? "with CUDA" : "CPU only")}";

    /// <summary>Seeds every libtorch generator (CPU and, where there are any, the GPUs).</summary>
    public static void Seed(long seed)
    {
        using var generator = manual_seed(seed);
    }
}
