using static TorchSharp.torch;

namespace DslAe;

/// <summary>
/// Fixed unpooling (Dosovitskiy et al., "Learning to generate chairs"): each value goes to the top-left corner of a
/// factor x factor block of zeros. Written as one zero pad of a [N, C, H, 1, W, 1] view to [N, C, H, f, W, f] and a
/// reshape to [N, C, H·f, W·f], so the gradient is libtorch's own (the pad's: the block corners' gradients).
/// </summary>
public static class ZeroUnpooling
{
    /// <summary>[N, C, H, W] to [N, C, H·<paramref name="factor"/>, W·<paramref name="factor"/>], zeros around each value.</summary>
    public static Tensor Insert(Tensor input, long factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        var (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3]);
        // pad's pairs run from the last dimension backwards: the trailing 1 to f, W unchanged, the middle 1 to f.
        var blocks = nn.functional.pad(input.reshape(n, c, h, 1, w, 1), [0, factor - 1, 0, 0, 0, factor - 1]);
        return blocks.reshape(n, c, h * factor, w * factor);
    }
}
