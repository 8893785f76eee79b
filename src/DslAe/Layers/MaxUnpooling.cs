using static TorchSharp.torch;

namespace DslAe;

/// <summary>
/// SegNet's max-unpooling: each value goes back to the position its max-pool took it from, zeros elsewhere. Written
/// as one scatter rather than through TorchSharp 0.107's <c>max_unpool2d</c>, which ignores the stride unless padding
/// is passed too and refuses an (H, W) output size; the scatter is what libtorch's own kernel computes (indices are
/// flat positions within each (N, C) plane) and its gradient is the matching gather.
/// </summary>
public static class MaxUnpooling
{
    /// <summary>Unpools <paramref name="input"/> [N, C, h, w] with the pool's <paramref name="indices"/> to [N, C, H, W].</summary>
    public static Tensor Unpool2d(Tensor input, Tensor indices, (long H, long W) size)
    {
        var (n, c) = (input.shape[0], input.shape[1]);
        var flat = zeros([n, c, size.H * size.W], input.dtype, input.device);
        return flat.scatter(2, indices.flatten(2), input.flatten(2)).view(n, c, size.H, size.W);
    }
}
