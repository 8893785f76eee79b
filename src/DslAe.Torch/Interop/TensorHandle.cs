using System.Runtime.InteropServices;

namespace DslAe.Torch.Interop;

/// <summary>Owns one heap-allocated <c>at::Tensor</c> of the native shim; releasing it drops that reference.</summary>
internal sealed class TensorHandle : SafeHandle
{
    /// <summary>Stands for an absent optional tensor (a bias of null); never released.</summary>
    public static readonly TensorHandle Null = new(IntPtr.Zero, ownsHandle: false);

    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public TensorHandle(IntPtr handle, bool ownsHandle = true) : base(IntPtr.Zero, ownsHandle) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Native.dslae_tensor_free(handle);
        return true;
    }
}
