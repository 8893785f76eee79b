using DslAe.Torch.Interop;

namespace DslAe.Torch;

/// <summary>Kinds of device; the numbers are libtorch's c10::DeviceType values.</summary>
public enum DeviceType
{
    Cpu = 0,
    Cuda = 1,
}

/// <summary>Where a tensor lives: <c>cpu</c> or <c>cuda:N</c>.</summary>
public readonly record struct Device(DeviceType Type, int Index)
{
    public static Device Cpu { get; } = new(DeviceType.Cpu, -1);

    public static Device Cuda(int index = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new(DeviceType.Cuda, index);
    }

    /// <summary>CUDA device 0 when the libtorch in use has CUDA and a GPU is present, otherwise the CPU.</summary>
    public static Device Auto => Torch.CudaIsAvailable ? Cuda(0) : Cpu;

    public bool IsCuda => Type == DeviceType.Cuda;

    /// <summary>Parses "cpu", "cuda", "cuda:N" or "auto" (case-insensitive, surrounding spaces ignored).</summary>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().ToLowerInvariant();
        if (s == "cpu") return Cpu;
        if (s == "auto") return Auto;
        if (s == "cuda") return Cuda(0);
        if (s.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(s.AsSpan(5), System.Globalization.NumberStyles.None, null, out var index))
            return Cuda(index);
        throw new FormatException($"'{text}' is not a device: write \"cpu\", \"cuda\", \"cuda:N\" (N = 0, 1, ...) or \"auto\"");
    }

    public override string ToString() => Type == DeviceType.Cpu ? "cpu" : Index < 0 ? "cuda" : $"cuda:{Index}";

    internal static Device FromNative(int type, int index) => new((DeviceType)type, type == (int)DeviceType.Cpu ? -1 : index);
}
