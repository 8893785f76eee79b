using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DslAe.Tests.Engine;

/// <summary>
/// The pieces DslAe's runtime writes itself because TorchSharp 0.107 lacks them or gets them wrong (max-unpooling,
/// high-pass skips, the variational code, corruptions), against PyTorch and against finite differences.
/// </summary>
public sealed class RuntimePiecesTests
{
    private static (Tensor T, string Py) W(long[] shape, double phase = 0, double scale = 1) => Given.Wave(shape, phase, scale);

    /// <summary>
    /// Pools (as the emitter writes max_pool2d_with_indices) and unpools to the pool's input size, then compares the
    /// unpooled values and the gradient reaching the pooled values with PyTorch's F.max_unpool2d. Overlapping
    /// windows can pick the same input twice: both then scatter the same value, and the gradient reaches both.
    /// </summary>
    [Theory]
    [InlineData(1, 2, 5, 5, 2, 2, 0, false)]   // odd input: the last row and column are never picked
    [InlineData(2, 3, 5, 5, 3, 2, 0, false)]   // kernel 3, stride 2: overlapping windows
    [InlineData(1, 2, 6, 7, 3, 2, 0, true)]    // ceil_mode: partial windows at the edges
    [InlineData(1, 1, 5, 5, 3, 2, 1, false)]   // padded pool
    [InlineData(2, 2, 8, 6, 2, 2, 0, false)]   // the usual SegNet case
    public void Unpool2d_matches_PyTorchs_max_unpool2d_in_values_and_gradient(long n, long c, long h, long w, long kernel, long stride, long padding, bool ceil)
    {
        using var scope = NewDisposeScope();
        var (x, px) = W([n, c, h, w]);
        var (pooled, indices) = F.max_pool2d_with_indices(x, kernel_size: [kernel, kernel], strides: [stride, stride], padding: [padding, padding], dilation: [1, 1], ceil_mode: ceil);
        var leaf = pooled.detach().requires_grad_();
        var unpooled = MaxUnpooling.Unpool2d(leaf, indices, (h, w));
        var (r, pr) = W(unpooled.shape, 0.9);
        (unpooled * r).sum().backward();

        Expect.Close(cat([unpooled.detach().flatten(), leaf.grad!.flatten()], 0), $"""
            x = {px}
            o, i = F.max_pool2d(x, {kernel}, {stride}, {padding}, ceil_mode={(ceil ? "True" : "False")}, return_indices=True)
            o = o.detach().requires_grad_()
            u = F.max_unpool2d(o, i, {kernel}, {stride}, {padding}, output_size=({h}, {w}))
            (u * {pr}).sum().backward()
            result = torch.cat([u.detach().flatten(), o.grad.flatten()])
            """);
    }

    [Fact]
    public void Unpool2d_puts_each_value_back_where_the_pool_took_it_from()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 5, 2, 0, 3, 4, 9, 8 }, [1, 1, 2, 4]);
        var (pooled, indices) = F.max_pool2d_with_indices(x, kernel_size: [2, 2], strides: [2, 2], padding: [0, 0], dilation: [1, 1], ceil_mode: false);
        var unpooled = MaxUnpooling.Unpool2d(pooled, indices, (2, 4));
        Assert.Equal([1L, 1, 2, 4], unpooled.shape);
        Assert.Equal([0f, 5, 0, 0, 0, 0, 9, 0], unpooled.data<float>().ToArray());
    }

    [Theory]
    [InlineData(2, 8, 8, InterpolationMode.Bilinear)]
    [InlineData(2, 7, 9, InterpolationMode.Bilinear)]   // odd: the pool floors, the upsampling returns to 7x9
    [InlineData(2, 7, 7, InterpolationMode.Nearest)]
    [InlineData(3, 9, 6, InterpolationMode.Bicubic)]
    public void HighPass_is_x_minus_its_upsampled_average_pool_as_in_PyTorch(long k, long h, long w, InterpolationMode mode)
    {
        using var scope = NewDisposeScope();
        var (x, px) = W([2, 3, h, w]);
        var pyMode = mode.ToString().ToLowerInvariant();
        var align = mode == InterpolationMode.Nearest ? "" : ", align_corners=False";
        Expect.Close(SkipFilters.HighPass(x, k, (h, w), mode),
            $"x = {px}\nresult = x - F.interpolate(F.avg_pool2d(x, {k}, {k}), size=({h}, {w}), mode='{pyMode}'{align})");
    }

    [Fact]
    public void HighPass_removes_a_constant_image_entirely()
    {
        // The low frequencies must cross the bottleneck: a flat image has nothing left in the skip.
        using var scope = NewDisposeScope();
        var flat = full([1, 2, 7, 7], 0.6f);
        Assert.True(SkipFilters.HighPass(flat, 2, (7, 7), InterpolationMode.Bilinear).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void KlDivergence_equals_torch_distributions_closed_form_and_its_gradient()
    {
        using var scope = NewDisposeScope();
        var (mu0, pmu) = W([4, 6], 0, 1.5);
        var (lv0, plv) = W([4, 6], 1, 0.8);
        var (mu, lv) = (mu0.clone().requires_grad_(), lv0.clone().requires_grad_());
        var kl = Variational.KlDivergence(mu, lv);
        kl.backward();
        // An independent formula: PyTorch's Normal–Normal KL, summed over the code and averaged over the batch.
        Expect.Close(cat([kl.reshape(1), mu.grad!.flatten(), lv.grad!.flatten()], 0), $"""
            from torch.distributions import Normal, kl_divergence
            mu = {pmu}.requires_grad_()
            lv = {plv}.requires_grad_()
            kl = kl_divergence(Normal(mu, (0.5 * lv).exp()), Normal(torch.zeros_like(mu), torch.ones_like(mu))).sum(1).mean()
            kl.backward()
            result = torch.cat([kl.reshape(1), mu.grad.flatten(), lv.grad.flatten()])
            """);
    }

    [Fact]
    public void KlDivergence_is_zero_for_the_prior()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(0f, Variational.KlDivergence(zeros(3, 5), zeros(3, 5)).item<float>());
    }

    [Fact]
    public void Sample_is_mean_plus_sigma_times_the_generators_noise_and_differentiable_in_both()
    {
        using var scope = NewDisposeScope();
        var (mu0, _) = W([3, 4]);
        var (lv0, _) = W([3, 4], 1, 0.7);
        var (mu, lv) = (mu0.clone().requires_grad_(), lv0.clone().requires_grad_());
        Tensor z, eps;
        using (manual_seed(123)) z = Variational.Sample(mu, lv);
        using (manual_seed(123)) eps = randn_like(lv0);
        var sigma = (lv0 * 0.5).exp();
        Expect.Close(Expect.Values(z), Expect.Values(mu0 + sigma * eps), 1e-6, "z = μ + σ·ε");

        z.sum().backward();
        Assert.All(Expect.Values(mu.grad!), g => Assert.Equal(1.0, g));                           // ∂z/∂μ = 1
        Expect.Close(Expect.Values(lv.grad!), Expect.Values(sigma * eps * 0.5), 1e-6, "∂z/∂logσ² = ½σε");
    }

    [Fact]
    public void Corruptions_change_what_they_declare_and_nothing_else()
    {
        using var scope = NewDisposeScope();
        using var generator = manual_seed(5);
        var x = rand(40000) * 0.8f + 0.1f;                      // inside (0.1, 0.9): neither 0 nor 1
        var xs = x.data<float>().ToArray();

        var masked = Corruptions.Masking(x, 0.3).data<float>().ToArray();
        Assert.InRange(masked.Count(v => v == 0) / 40000.0, 0.29, 0.31);
        Assert.All(masked.Select((v, i) => (v, i)).Where(p => p.v != 0), p => Assert.Equal(xs[p.i], p.v));

        var salted = Corruptions.SaltAndPepper(x, 0.2).data<float>().ToArray();
        Assert.InRange(salted.Count(v => v == 1f) / 40000.0, 0.09, 0.11);   // salt: p/2
        Assert.InRange(salted.Count(v => v == 0f) / 40000.0, 0.09, 0.11);   // pepper: p/2
        Assert.All(salted.Select((v, i) => (v, i)).Where(p => p.v is not (0f or 1f)), p => Assert.Equal(xs[p.i], p.v));

        var noise = Corruptions.Gaussian(x, 0.2) - x;
        Assert.InRange(noise.mean().item<float>(), -0.005, 0.005);
        Assert.InRange(noise.std().item<float>(), 0.195, 0.205);
    }

    // Finite differences in float64: the backward our pieces get from libtorch is the derivative of their forward.

    // Windows that do not overlap (kernel = stride, ceil_mode for the partial ones at the odd edge): with overlapping
    // windows an input that is the maximum of two windows is written back once but receives the gradient once per
    // window, in PyTorch's max_unpool2d as in ours (the case above), which is not the derivative of pool-then-unpool.
    [Fact]
    public void Unpool2d_gradient_matches_finite_differences() =>
        GradientCheck.Matches([1, 2, 5, 5], x =>
        {
            var (pooled, indices) = F.max_pool2d_with_indices(x, kernel_size: [2, 2], strides: [2, 2], padding: [0, 0], dilation: [1, 1], ceil_mode: true);
            return MaxUnpooling.Unpool2d(pooled * 2, indices, (5, 5));
        }, "pool then Unpool2d");

    [Fact]
    public void HighPass_gradient_matches_finite_differences() =>
        GradientCheck.Matches([1, 2, 7, 6], x => SkipFilters.HighPass(x, 2, (7, 6), InterpolationMode.Bilinear), "HighPass");

    [Fact]
    public void LaplacianPyramid_loss_gradient_matches_finite_differences()
    {
        var target = Given.Wave([1, 2, 9, 8], 2.1, 0.9, ScalarType.Float64).Tensor;
        GradientCheck.Matches([1, 2, 9, 8], x => LaplacianPyramid.Loss(x, target, 3), "LaplacianPyramid.Loss");
        target.Dispose();
    }
}
