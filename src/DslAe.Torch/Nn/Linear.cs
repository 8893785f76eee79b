namespace DslAe.Torch.Nn;

/// <summary>y = x Wᵀ + b; weight (out, in).</summary>
public sealed class Linear : WeightedModule
{
    public Linear(long inFeatures, long outFeatures, bool bias = true)
    {
        InitializeParameters([outFeatures, inFeatures], outFeatures, inFeatures, bias);
    }

    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}
