using System.Text;
using DslAe.Torch.Interop;

namespace DslAe.Torch;

/// <summary>
/// A libtorch tensor. Dispose it (or create it inside a <see cref="DisposeScope"/>) to free its memory
/// at once; a tensor never disposed is freed by its finalizer, whenever the GC runs.
/// </summary>
public sealed unsafe partial class Tensor : IDisposable
{
    internal readonly TensorHandle Handle;

    /// <summary>The scope that will free this tensor, or null when the caller owns it.</summary>
    internal DisposeScope? OwnerScope;

    internal Tensor(IntPtr handle)
    {
        Handle = new TensorHandle(handle);
        DisposeScope.Current?.Register(this);
    }

    /// <summary>Wraps a handle returned through an out parameter after checking the status.</summary>
    internal static Tensor From(int status, IntPtr handle)
    {
        Native.Check(status);
        return new Tensor(handle);
    }

    internal static TensorHandle HandleOf(Tensor? t) => t?.Handle ?? TensorHandle.Null;

    public bool IsDisposed => Handle.IsClosed;

    public void Dispose() => Handle.Dispose();

    /// <summary>Moves this tensor from its scope to the next outer one (or to the caller when there is none).</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        var outer = OwnerScope?.Outer;
        OwnerScope = null;
        outer?.Register(this);
        return this;
    }

    /// <summary>Takes this tensor out of any dispose scope: the caller disposes it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        OwnerScope = null;
        return this;
    }

    // ---- metadata ----

    public int Dim => Native.dslae_tensor_dim(Handle);

    public long[] Shape
    {
        get
        {
            var shape = new long[Dim];
            fixed (long* p = shape) Native.dslae_tensor_sizes(Handle, p);
            return shape;
        }
    }

    /// <summary>Size of one dimension (negative counts from the end).</summary>
    public long Size(int dim)
    {
        var shape = Shape;
        return shape[dim < 0 ? dim + shape.Length : dim];
    }

    public long NumEl => Native.dslae_tensor_numel(Handle);

    public ScalarType Dtype => (ScalarType)Native.dslae_tensor_dtype(Handle);

    public Device Device => Device.FromNative(Native.dslae_tensor_device_type(Handle), Native.dslae_tensor_device_index(Handle));

    public bool IsLeaf => Native.dslae_tensor_is_leaf(Handle) != 0;

    // ---- autograd ----

    public bool RequiresGrad
    {
        get => Native.dslae_tensor_requires_grad(Handle) != 0;
        set => Native.Check(Native.dslae_tensor_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor (PyTorch's requires_grad_).</summary>
    public Tensor RequiresGrad_(bool on = true)
    {
        RequiresGrad = on;
        return this;
    }

    public void Backward(Tensor? gradient = null, bool retainGraph = false) =>
        Native.Check(Native.dslae_tensor_backward(Handle, HandleOf(gradient), retainGraph ? 1 : 0));

    /// <summary>The accumulated gradient (a new handle on it, disposable independently), or null when none.</summary>
    public Tensor? Grad
    {
        get
        {
            Native.Check(Native.dslae_tensor_grad(Handle, out var g));
            return g == IntPtr.Zero ? null : new Tensor(g);
        }
    }

    /// <summary>Drops the gradient (PyTorch's <c>zero_grad(set_to_none=True)</c>).</summary>
    public void ClearGrad() => Native.Check(Native.dslae_tensor_clear_grad(Handle));

    /// <summary>Replaces this tensor's data with <paramref name="source"/>'s, keeping this object (PyTorch's <c>t.data = source</c>).</summary>
    public void SetData(Tensor source) => Native.Check(Native.dslae_tensor_set_data(Handle, source.Handle));

    // ---- conversion ----

    public Tensor To(Device device) => To(Dtype, device);

    public Tensor To(ScalarType dtype) => To(dtype, Device);

    public Tensor To(ScalarType dtype, Device device) =>
        From(Native.dslae_tensor_to(Handle, (int)dtype, (int)device.Type, device.Index, out var r), r);

    public Tensor Cpu() => To(Device.Cpu);

    /// <summary>Copies the elements (converted to <typeparamref name="T"/>, row-major) into a new array.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        var result = new T[NumEl];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies the elements (converted to <typeparamref name="T"/>, row-major) into <paramref name="destination"/>.</summary>
    public void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        fixed (T* p = destination)
            Native.Check(Native.dslae_tensor_copy_to(Handle, (int)ScalarTypes.Of<T>(), p, (long)destination.Length * sizeof(T)));
    }

    /// <summary>The value of a one-element tensor.</summary>
    public T Item<T>() where T : unmanaged
    {
        if (NumEl != 1) throw new InvalidOperationException($"Item() needs a tensor with one element, this one has shape {FormatShape(Shape)}");
        T value;
        Native.Check(Native.dslae_tensor_copy_to(Handle, (int)ScalarTypes.Of<T>(), &value, sizeof(T)));
        return value;
    }

    public override string ToString()
    {
        if (IsDisposed) return "Tensor(disposed)";
        var text = new StringBuilder($"Tensor(shape={FormatShape(Shape)}, dtype={Dtype}, device={Device}");
        if (RequiresGrad) text.Append(", requires_grad");
        return text.Append(')').ToString();
    }

    internal static string FormatShape(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
