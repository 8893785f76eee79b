using DslAe.Tests.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace DslAe.Tests;

/// <summary>The minibatch-discrimination layer against Salimans et al.'s definition written out with loops in Debian's PyTorch.</summary>
public class MinibatchDiscriminationTests
{
    [Fact]
    public void Features_are_kept_and_each_kernel_sums_its_similarity_to_the_other_samples()
    {
        using var scope = NewDisposeScope();
        using var layer = new MinibatchDiscrimination(features: 5, kernels: 3, kernelDims: 2);
        layer.to(ScalarType.Float64);
        var (x, px) = Given.Wave([4, 5], 0.6, 0.4, ScalarType.Float64);
        var t = layer.T.detach();

        var output = layer.call(x);

        Expect.Close(output, $"""
            x = {px}
            T = torch.tensor({Given.List(Expect.Values(t))}, dtype=torch.float64).reshape(5, 3, 2)
            M = torch.einsum('na,abc->nbc', x, T)
            o = torch.zeros(4, 3, dtype=torch.float64)
            for i in range(4):
                for j in range(4):
                    if i != j:
                        o[i] += torch.exp(-(M[i] - M[j]).abs().sum(1))
            result = torch.cat([x, o], 1)
            """, tolerance: 1e-12);
        // A batch of one has no other sample to resemble.
        Assert.Equal(0.0, layer.call(x.narrow(0, 0, 1))[0, 5].item<double>());
    }
}
