using DslAe.Torch.Interop;

namespace DslAe.Torch;

// Shape and view operations (names and semantics of PyTorch's Tensor methods).
public sealed unsafe partial class Tensor
{
    public Tensor Reshape(params long[] shape)
    {
        fixed (long* p = shape) return From(Native.dslae_tensor_reshape(Handle, p, shape.Length, out var r), r);
    }

    public Tensor View(params long[] shape)
    {
        fixed (long* p = shape) return From(Native.dslae_tensor_view(Handle, p, shape.Length, out var r), r);
    }

    public Tensor Permute(params long[] order)
    {
        fixed (long* p = order) return From(Native.dslae_tensor_permute(Handle, p, order.Length, out var r), r);
    }

    public Tensor Expand(params long[] shape)
    {
        fixed (long* p = shape) return From(Native.dslae_tensor_expand(Handle, p, shape.Length, out var r), r);
    }

    public Tensor Flatten(long startDim = 0, long endDim = -1) =>
        From(Native.dslae_tensor_flatten(Handle, startDim, endDim, out var r), r);

    /// <summary>Splits dimension <paramref name="dim"/> into <paramref name="sizes"/>.</summary>
    public Tensor Unflatten(long dim, params long[] sizes)
    {
        fixed (long* p = sizes) return From(Native.dslae_tensor_unflatten(Handle, dim, p, sizes.Length, out var r), r);
    }

    public Tensor Squeeze(long dim) => From(Native.dslae_tensor_squeeze(Handle, dim, out var r), r);

    public Tensor Unsqueeze(long dim) => From(Native.dslae_tensor_unsqueeze(Handle, dim, out var r), r);

    /// <summary>Python's <c>x[..., start:end:step, ...]</c> along <paramref name="dim"/>; a null end runs to the end.</summary>
    public Tensor Slice(long dim, long start, long? end, long step = 1) =>
        From(Native.dslae_tensor_slice(Handle, dim, start, end ?? 0, end.HasValue ? 1 : 0, step, out var r), r);

    public Tensor Narrow(long dim, long start, long length) =>
        From(Native.dslae_tensor_narrow(Handle, dim, start, length, out var r), r);

    /// <summary>Indexes one position of a dimension, removing it (Python's <c>x[i]</c> for dim 0).</summary>
    public Tensor Select(long dim, long index) => From(Native.dslae_tensor_select(Handle, dim, index, out var r), r);

    public Tensor IndexSelect(long dim, Tensor index) =>
        From(Native.dslae_tensor_index_select(Handle, dim, index.Handle, out var r), r);

    public Tensor Transpose(long dim0, long dim1) => From(Native.dslae_tensor_transpose(Handle, dim0, dim1, out var r), r);

    /// <summary>Transpose of a matrix (a tensor of at most 2 dimensions).</summary>
    public Tensor T() => Unary(UnaryOp.T);

    public Tensor Contiguous() => Unary(UnaryOp.Contiguous);

    /// <summary>A tensor sharing this one's data, cut from the autograd graph.</summary>
    public Tensor Detach() => Unary(UnaryOp.Detach);

    public Tensor Clone() => Unary(UnaryOp.Clone);
}
