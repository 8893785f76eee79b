using static TorchSharp.torch;

namespace DslAe;

/// <summary>Input corruptions for denoising autoencoders; generated code calls the declared one.</summary>
public static class Corruptions
{
    /// <summary>Adds Gaussian noise of standard deviation <paramref name="std"/>.</summary>
    public static Tensor Gaussian(Tensor x, double std) => x + randn_like(x) * std;

    /// <summary>Zeroes each value with probability <paramref name="p"/>.</summary>
    public static Tensor Masking(Tensor x, double p) => x * rand_like(x).gt(p).to(x.dtype);

    /// <summary>Sets each value to 0 or 1 (equally likely) with probability <paramref name="p"/>.</summary>
    public static Tensor SaltAndPepper(Tensor x, double p)
    {
        var u = rand_like(x);
        var keep = u.gt(p).to(x.dtype);
        var salt = u.lt(p / 2).to(x.dtype);
        return x * keep + salt;
    }
}
