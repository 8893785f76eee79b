using System.Runtime.InteropServices;
using DslAe.Torch.Interop;

namespace DslAe.Torch;

/// <summary>
/// Tensor creation and process-wide settings (PyTorch's <c>torch.*</c> functions).
/// Inside namespaces named DslAe.*, the namespace DslAe.Torch hides this class: write
/// <c>using static DslAe.Torch.Torch;</c> or <c>global::DslAe.Torch.Torch</c> there.
/// </summary>
public static unsafe class Torch
{
    // ---- from .NET data ----

    /// <summary>A float32 tensor holding a copy of <paramref name="data"/>; no shape means 1-D.</summary>
    public static Tensor Tensor(float[] data, params long[] shape) => FromArray(data, shape);

    public static Tensor FromArray(float[] data, long[]? shape = null, Device? device = null) => FromSpan<float>(data, shape, device);
    public static Tensor FromArray(double[] data, long[]? shape = null, Device? device = null) => FromSpan<double>(data, shape, device);
    public static Tensor FromArray(long[] data, long[]? shape = null, Device? device = null) => FromSpan<long>(data, shape, device);
    public static Tensor FromArray(int[] data, long[]? shape = null, Device? device = null) => FromSpan<int>(data, shape, device);
    public static Tensor FromArray(byte[] data, long[]? shape = null, Device? device = null) => FromSpan<byte>(data, shape, device);
    public static Tensor FromArray(bool[] data, long[]? shape = null, Device? device = null) => FromSpan<bool>(data, shape, device);

    /// <summary>A tensor holding a copy of <paramref name="data"/> (dtype from <typeparamref name="T"/>).</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, long[]? shape = null, Device? device = null) where T : unmanaged
    {
        shape = shape is null || shape.Length == 0 ? [data.Length] : shape;
        long count = 1;
        foreach (var s in shape) count *= s;
        if (count != data.Length)
            throw new ArgumentException($"shape {DslAe.Torch.Tensor.FormatShape(shape)} holds {count} elements but {data.Length} were given", nameof(shape));
        var d = device ?? Device.Cpu;
        fixed (T* p = data)
        fixed (long* s = shape)
            return DslAe.Torch.Tensor.From(Native.dslae_tensor_from_data(p, s, shape.Length, (int)ScalarTypes.Of<T>(), (int)d.Type, d.Index, out var r), r);
    }

    /// <summary>A 0-dimensional tensor holding one value.</summary>
    public static Tensor Scalar(double value, ScalarType dtype = ScalarType.Float32, Device? device = null) => Full([], value, dtype, device);

    // ---- filled and random ----

    public static Tensor Zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Create(CreateKind.Zeros, shape, 0, dtype, device);
    public static Tensor Ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Create(CreateKind.Ones, shape, 0, dtype, device);
    public static Tensor Full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null) => Create(CreateKind.Full, shape, value, dtype, device);
    /// <summary>Uninitialised memory, for tensors that are filled next.</summary>
    public static Tensor Empty(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Create(CreateKind.Empty, shape, 0, dtype, device);
    /// <summary>Samples of the standard normal distribution.</summary>
    public static Tensor Randn(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Create(CreateKind.Randn, shape, 0, dtype, device);
    /// <summary>Samples of U[0, 1).</summary>
    public static Tensor Rand(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Create(CreateKind.Rand, shape, 0, dtype, device);

    public static Tensor Normal(double mean, double std, long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
            return DslAe.Torch.Tensor.From(Native.dslae_normal(mean, std, s, shape.Length, (int)dtype, (int)d.Type, d.Index, out var r), r);
    }

    /// <summary>0/1 samples with the probabilities in <paramref name="probabilities"/> (torch.bernoulli).</summary>
    public static Tensor Bernoulli(Tensor probabilities) => DslAe.Torch.Tensor.From(Native.dslae_bernoulli(probabilities.Handle, out var r), r);

    /// <summary>A random permutation of 0..n-1 (int64).</summary>
    public static Tensor RandPerm(long n, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return DslAe.Torch.Tensor.From(Native.dslae_randperm(n, (int)ScalarType.Int64, (int)d.Type, d.Index, out var r), r);
    }

    /// <summary>Integers uniform in [low, high) (int64).</summary>
    public static Tensor RandInt(long low, long high, long[] shape, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
            return DslAe.Torch.Tensor.From(Native.dslae_randint(low, high, s, shape.Length, (int)ScalarType.Int64, (int)d.Type, d.Index, out var r), r);
    }

    /// <summary>0, 1, ..., end-1 as int64 (torch.arange with an integer end).</summary>
    public static Tensor Arange(long end, Device? device = null) => Arange(0, end, 1, ScalarType.Int64, device);

    /// <summary>start, start+step, ... below end.</summary>
    public static Tensor Arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return DslAe.Torch.Tensor.From(Native.dslae_arange(start, end, step, (int)dtype, (int)d.Type, d.Index, out var r), r);
    }

    private static Tensor Create(CreateKind kind, long[] shape, double value, ScalarType dtype, Device? device)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
            return DslAe.Torch.Tensor.From(Native.dslae_create(kind, s, shape.Length, value, (int)dtype, (int)d.Type, d.Index, out var r), r);
    }

    // ---- joining ----

    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);
    public static Tensor Cat(long dim, params Tensor[] tensors) => Join(tensors, dim, stack: false);
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);
    public static Tensor Stack(long dim, params Tensor[] tensors) => Join(tensors, dim, stack: true);

    private static Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        var handles = new IntPtr[tensors.Count];
        for (var i = 0; i < handles.Length; i++) handles[i] = tensors[i].Handle.DangerousGetHandle();
        try
        {
            fixed (IntPtr* p = handles)
                return DslAe.Torch.Tensor.From(Native.dslae_tensor_cat(p, handles.Length, dim, stack ? 1 : 0, out var r), r);
        }
        finally
        {
            // The raw handles are only valid while their owners are alive.
            GC.KeepAlive(tensors);
        }
    }

    public static Tensor Where(Tensor condition, Tensor a, Tensor b) => a.Where(condition, b);

    // ---- settings ----

    /// <summary>Seeds libtorch's generators (CPU and, when present, CUDA).</summary>
    public static void ManualSeed(long seed) => Native.Check(Native.dslae_manual_seed(unchecked((ulong)seed)));

    /// <summary>Intra-op threads of libtorch (it starts with 1 on Debian's build: set it to the core count).</summary>
    public static void SetNumThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Native.Check(Native.dslae_set_num_threads(threads));
    }

    public static int GetNumThreads() => Native.dslae_get_num_threads();

    /// <summary>Disables gradient recording on this thread until disposed (torch.no_grad()).</summary>
    public static IDisposable NoGrad() => new GradModeScope(enabled: false);

    /// <summary>Enables gradient recording on this thread until disposed (torch.enable_grad()).</summary>
    public static IDisposable EnableGrad() => new GradModeScope(enabled: true);

    public static bool IsGradEnabled => Native.dslae_is_grad_enabled() != 0;

    /// <summary>Opens a scope that frees every tensor created on this thread until it is disposed.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>True when the libtorch in use has CUDA and at least one GPU is visible.</summary>
    public static bool CudaIsAvailable => CudaDeviceCount > 0;

    public static int CudaDeviceCount => Native.dslae_cuda_device_count();

    /// <summary>Returns cached, unused GPU memory to the driver; does nothing without CUDA.</summary>
    public static void CudaEmptyCache() => Native.Check(Native.dslae_cuda_empty_cache());

    /// <summary>Version of the libtorch the shim was compiled against, e.g. "1.13.0".</summary>
    public static string Version => Marshal.PtrToStringUTF8(Native.dslae_libtorch_version()) ?? "unknown";

    private sealed class GradModeScope : IDisposable
    {
        private readonly bool previous;
        private bool disposed;

        public GradModeScope(bool enabled) => previous = Native.dslae_set_grad_enabled(enabled ? 1 : 0) != 0;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            Native.dslae_set_grad_enabled(previous ? 1 : 0);
        }
    }
}
