using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslAe;

/// <summary>Normalisation modules as PyTorch initialises them, where TorchSharp 0.107 does not.</summary>
public static class Norms
{
    /// <summary>
    /// <c>nn.GroupNorm(groups, channels)</c> with PyTorch's initial affine parameters, weight 1 and bias 0. TorchSharp
    /// 0.107's GroupNorm allocates them with <c>torch.empty</c> and never initialises them, so a fresh one scales by
    /// whatever the memory held (measured: non-finite outputs from 7% of fresh modules).
    /// </summary>
    public static GroupNorm GroupNorm(long groups, long channels)
    {
        var norm = nn.GroupNorm(groups, channels);
        using (no_grad())
        {
            norm.weight.fill_(1.0);
            norm.bias!.zero_();
        }
        return norm;
    }
}
