namespace DslAe.Torch.Nn;

/// <summary>Group normalisation: channels split into groups, each normalised over (C/G, H, W).</summary>
public sealed class GroupNorm : Module<Tensor, Tensor>
{
    public GroupNorm(long numGroups, long numChannels, double eps = 1e-5, bool affine = true)
    {
        if (numChannels % numGroups != 0)
            throw new ArgumentException($"num_channels {numChannels} must be divisible by num_groups {numGroups}");
        (NumGroups, Eps) = (numGroups, eps);
        if (affine)
        {
            Weight = RegisterParameter("weight", Torch.Ones([numChannels]));
            Bias = RegisterParameter("bias", Torch.Zeros([numChannels]));
        }
    }

    public long NumGroups { get; }
    public double Eps { get; }
    public Tensor? Weight { get; }
    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Functional.GroupNorm(input, NumGroups, Weight, Bias, Eps);
}

/// <summary>Layer normalisation over the trailing <see cref="NormalizedShape"/> dimensions.</summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    public LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
    {
        (NormalizedShape, Eps) = ((long[])normalizedShape.Clone(), eps);
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Torch.Ones(normalizedShape));
            Bias = RegisterParameter("bias", Torch.Zeros(normalizedShape));
        }
    }

    public long[] NormalizedShape { get; }
    public double Eps { get; }
    public Tensor? Weight { get; }
    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Functional.LayerNorm(input, NormalizedShape, Weight, Bias, Eps);
}

/// <summary>Zeroes elements with probability p in training (scaling the rest by 1/(1−p)); identity in evaluation.</summary>
public sealed class Dropout(double p = 0.5) : Module<Tensor, Tensor>
{
    public double P { get; } = p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");

    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining);
}
