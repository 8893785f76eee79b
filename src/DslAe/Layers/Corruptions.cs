using DslAe.Torch;

namespace DslAe;

/// <summary>Input corruptions for denoising autoencoders; generated code calls the declared one.</summary>
public static class Corruptions
{
    /// <summary>Adds Gaussian noise of standard deviation <paramref name="std"/>.</summary>
    public static Tensor Gaussian(Tensor x, double std) => x + Torch.Torch.Randn(x.Shape, x.Dtype, x.Device) * std;

    /// <summary>Zeroes each value with probability <paramref name="p"/>.</summary>
    public static Tensor Masking(Tensor x, double p) => x * Torch.Torch.Rand(x.Shape, x.Dtype, x.Device).Gt(p).To(x.Dtype);

    /// <summary>Sets each value to 0 or 1 (equally likely) with probability <paramref name="p"/>.</summary>
    public static Tensor SaltAndPepper(Tensor x, double p)
    {
        var u = Torch.Torch.Rand(x.Shape, x.Dtype, x.Device);
        var keep = u.Gt(p).To(x.Dtype);
        var salt = u.Lt(p / 2).To(x.Dtype);
        return x * keep + salt;
    }
}
