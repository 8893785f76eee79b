using DslAe.Model;
using static DslAe.Model.Tests.Build;

namespace DslAe.Model.Tests;

/// <summary>Shape rules per layer kind with known values (REFERENCE-FACTS.md "Output sizes" and hand-checked cases).</summary>
public class ShapeRuleTests
{
    /// <summary>The plan of a one-stage model (its reconstruction mismatch is irrelevant here).</summary>
    private static StagePlan One(Shape input, LayerSpec layer)
    {
        var plan = Ae(input, [new StageSpec("L", layer)], null).Infer();
        Assert.DoesNotContain(plan.Diagnostics, d => d.Severity == Severity.Error && d.Id != "DSLAE001");
        return plan.Stage("L");
    }

    [Theory]
    // PyTorch: floor((in + 2p − d(k−1) − 1) / s) + 1.
    [InlineData(28, 3, 1, 1, 1, 28)]
    [InlineData(28, 3, 2, 1, 1, 14)]
    [InlineData(28, 5, 2, 0, 1, 12)]
    [InlineData(28, 3, 1, 0, 2, 24)]
    [InlineData(7, 3, 2, 1, 1, 4)]
    [InlineData(5, 5, 1, 0, 1, 1)]
    public void Conv_explicit_padding_follows_pytorch(int size, int kernel, int stride, int padding, int dilation, int expected)
    {
        var plan = One(Image(3, size, size), new ConvLayer(8, kernel) { Stride = stride, Padding = Padding.Explicit(padding), Dilation = dilation });
        Assert.Equal(Image(8, expected, expected), plan.Output);
        Assert.Equal(new ConvLowering(3, 8, kernel, stride, padding, padding, dilation, 1, true, null), plan.Layer);
        Assert.Equal((8 * 3 * kernel * kernel) + 8, plan.ParameterCount);
    }

    [Theory]
    // TF same: out = ceil(in / s); total pad max((out−1)s + k_eff − in, 0), the extra pixel after.
    [InlineData(28, 3, 1, 1, 28, 1, 1)]
    [InlineData(28, 3, 2, 1, 14, 0, 1)]
    [InlineData(7, 3, 2, 1, 4, 1, 1)]
    [InlineData(28, 4, 1, 1, 28, 1, 2)]
    [InlineData(27, 3, 2, 2, 14, 2, 2)]
    [InlineData(10, 1, 3, 1, 4, 0, 0)]
    public void Conv_same_is_ceil_of_in_over_stride_with_tf_padding(int size, int kernel, int stride, int dilation, int expected, int before, int after)
    {
        var plan = One(Image(1, size, size), new ConvLayer(4, kernel) { Stride = stride, Dilation = dilation });
        Assert.Equal(Image(4, expected, expected), plan.Output);
        var lowered = Assert.IsType<ConvLowering>(plan.Layer);
        if (before == after)
        {
            Assert.Null(lowered.PrePad);
            Assert.Equal((before, before), (lowered.PaddingHeight, lowered.PaddingWidth));
        }
        else
        {
            Assert.Equal(new Pad2d(before, after, before, after), lowered.PrePad);
            Assert.Equal((0, 0), (lowered.PaddingHeight, lowered.PaddingWidth));
        }
    }

    [Fact]
    public void Conv_same_pads_each_dimension_on_its_own()
    {
        // 28 wide (stride 2, k3: total 1 → asymmetric) but 27 high (total 2 → 1 each side).
        var plan = One(Image(1, 27, 28), new ConvLayer(4, 3) { Stride = 2 });
        Assert.Equal(Image(4, 14, 14), plan.Output);
        Assert.Equal(new Pad2d(0, 1, 1, 1), Assert.IsType<ConvLowering>(plan.Layer).PrePad);
    }

    [Theory]
    // TF valid: ceil((in − k_eff + 1) / s).
    [InlineData(28, 3, 1, 26)]
    [InlineData(28, 3, 2, 13)]
    [InlineData(28, 5, 3, 8)]
    public void Conv_valid_is_tf_valid(int size, int kernel, int stride, int expected)
    {
        var plan = One(Image(1, size, size), new ConvLayer(2, kernel) { Stride = stride, Padding = Padding.Valid });
        Assert.Equal(expected, plan.Output.Height);
        Assert.Equal((size - kernel + 1 + stride - 1) / stride, expected);
    }

    [Theory]
    // The three classic doubling configurations of REFERENCE-FACTS.
    [InlineData(4, 1, null)]
    [InlineData(3, 1, 1)]
    [InlineData(2, 0, null)]
    public void ConvTranspose_classic_doublings_give_twice_the_input(int kernel, int padding, int? outputPadding)
    {
        foreach (var size in new[] { 7, 14, 5 })
        {
            var plan = One(Image(4, size, size), new ConvTransposeLayer(2, kernel) { Stride = 2, Padding = Padding.Explicit(padding), OutputPadding = outputPadding });
            Assert.Equal(Image(2, 2 * size, 2 * size), plan.Output);
        }
    }

    [Theory]
    // Keras same: out = in·s whatever the kernel; the lowering finds libtorch's padding/output padding.
    [InlineData(7, 3, 2, 1, 1, 1, 0)]
    [InlineData(7, 4, 2, 1, 1, 0, 0)]
    [InlineData(7, 5, 2, 1, 2, 1, 0)]
    [InlineData(7, 1, 2, 1, 0, 1, 0)]
    [InlineData(7, 3, 1, 1, 1, 0, 0)]
    [InlineData(7, 2, 1, 1, 0, 0, 1)] // Odd excess with stride 1: libtorch cannot add it, so crop one.
    [InlineData(7, 2, 1, 3, 2, 1, 0)] // …unless dilation allows an output padding of 1.
    [InlineData(5, 3, 4, 1, 0, 1, 0)]
    public void ConvTranspose_same_gives_in_times_stride(int size, int kernel, int stride, int dilation, int padding, int outputPadding, int crop)
    {
        var plan = One(Image(2, size, size), new ConvTransposeLayer(3, kernel) { Stride = stride, Dilation = dilation });
        Assert.Equal(Image(3, size * stride, size * stride), plan.Output);
        var lowered = Assert.IsType<ConvTransposeLowering>(plan.Layer);
        Assert.Equal((padding, outputPadding), (lowered.PaddingHeight, lowered.OutputPaddingHeight));
        Assert.Equal(crop == 0 ? null : new Pad2d(0, -crop, 0, -crop), lowered.PostPad);
        Assert.Equal((2 * 3 * kernel * kernel) + 3, plan.ParameterCount);
    }

    [Theory]
    // Keras valid: in·s + max(k_eff − s, 0).
    [InlineData(7, 3, 2, 15)]
    [InlineData(7, 2, 2, 14)]
    [InlineData(7, 1, 3, 21)]
    [InlineData(7, 5, 1, 11)]
    public void ConvTranspose_valid_is_keras_valid(int size, int kernel, int stride, int expected)
    {
        var plan = One(Image(1, size, size), new ConvTransposeLayer(1, kernel) { Stride = stride, Padding = Padding.Valid });
        Assert.Equal(expected, plan.Output.Height);
    }

    [Fact]
    public void ConvTranspose_same_with_an_output_padding_uses_half_the_kernel_as_keras_does()
    {
        var plan = One(Image(1, 7, 7), new ConvTransposeLayer(1, 3) { Stride = 2, OutputPadding = 0 });
        Assert.Equal(13, plan.Output.Height); // (7−1)·2 − 2·1 + 3 + 0
    }

    [Theory]
    // Floor and ceil modes, with the rule that the last window must start inside the input or left padding.
    [InlineData(7, 2, 2, 0, 1, false, 3)]
    [InlineData(7, 2, 2, 0, 1, true, 4)]
    [InlineData(5, 2, 2, 1, 1, true, 3)] // ceil would give 4, but window 4 would start at 6 − 1 = 5 ≥ in + pad.
    [InlineData(6, 3, 2, 1, 1, true, 4)]
    [InlineData(10, 3, 1, 0, 2, false, 6)]
    [InlineData(28, 3, 3, 1, 1, false, 10)]
    public void MaxPool_floor_and_ceil_modes(int size, int kernel, int stride, int padding, int dilation, bool ceil, int expected)
    {
        var plan = One(Image(2, size, size), new MaxPoolLayer(kernel) { Stride = stride, Padding = padding, Dilation = dilation, CeilMode = ceil });
        Assert.Equal(Image(2, expected, expected), plan.Output);
        Assert.Equal(0, plan.ParameterCount);
    }

    [Fact]
    public void Pool_stride_defaults_to_the_kernel()
    {
        Assert.Equal(new MaxPoolLowering(3, 3, 0, 1, false, false), One(Image(1, 9, 9), new MaxPoolLayer(3)).Layer);
        Assert.Equal(new AvgPoolLowering(2, 2, 0, false, true), One(Image(1, 8, 8), new AvgPoolLayer(2)).Layer);
    }

    [Fact]
    public void MaxUnpool_restores_the_odd_4x5_input_exactly()
    {
        var plan = Ae(Image(3, 4, 5),
            [new StageSpec("Pool", new MaxPoolLayer(2) { KeepIndices = true })], null,
            new StageSpec("Up", new MaxUnpoolLayer("Pool"))).Infer();
        Assert.Equal(Image(3, 2, 2), plan.Stage("Pool").Output);
        Assert.Equal(Image(3, 4, 5), plan.Output);
        Assert.Equal(new MaxUnpoolLowering("Pool", 2, 2, 0, 4, 5), plan.Stage("Up").Layer);
        Assert.Equal("DSLAE005", Assert.Single(plan.Diagnostics).Id); // 4x5 pooled by 2 drops a column: a warning only.
    }

    [Theory]
    [InlineData(7, 2.0, 14)]
    [InlineData(7, 1.5, 10)]
    [InlineData(7, 0.5, 3)]
    [InlineData(3, 1.0 / 3.0, 1)] // 3·(1/3) rounds to exactly 1.0 in double.
    [InlineData(3, 0.3, 0)] // 0.9 floors to 0: libtorch refuses, and so do we (DSLAE004).
    public void Upsample_scale_floors_like_libtorch(int size, double scale, int expected)
    {
        var plan = Ae(Image(1, size, size), [new StageSpec("L", new UpsampleLayer(UpsampleMode.Bilinear) { Scale = scale })], null).Infer();
        if (expected == 0)
        {
            Assert.Equal("DSLAE004", plan.Diagnostics.First(d => d.Severity == Severity.Error).Id);
            return;
        }

        var stage = plan.Stage("L");
        Assert.Equal(expected, stage.Output.Height);
        Assert.Equal(new UpsampleLowering(UpsampleMode.Bilinear, expected, expected, false), stage.Layer);
    }

    [Fact]
    public void Upsample_to_an_explicit_size_and_nearest_has_no_align_corners()
    {
        var plan = One(Image(2, 7, 7), new UpsampleLayer(UpsampleMode.Nearest) { Size = new SpatialSize(14, 15), AlignCorners = true });
        Assert.Equal(Image(2, 14, 15), plan.Output);
        Assert.Equal(new UpsampleLowering(UpsampleMode.Nearest, 14, 15, null), plan.Layer);
    }

    [Fact]
    public void ZeroUnpool_multiplies_the_size_and_keeps_the_channels()
    {
        Assert.Equal(Image(8, 14, 14), One(Image(8, 7, 7), new ZeroUnpoolLayer(2)).Output);
        Assert.Equal(Image(3, 15, 15), One(Image(3, 5, 5), new ZeroUnpoolLayer(3)).Output);
        Assert.Equal(Image(3, 5, 5), One(Image(3, 5, 5), new ZeroUnpoolLayer(1)).Output);
        var zero = new ModelSpec("Z", null) { Input = Image(3, 5, 5), Encoder = new[] { new StageSpec("Up", new ZeroUnpoolLayer(0)) } };
        Assert.Contains(ShapeInference.Infer(zero).Diagnostics, d => d.Id == "DSLAE016" && d.Message == "Up: factor must be at least 1, received 0");
    }

    [Fact]
    public void PixelShuffle_trades_channels_for_size()
    {
        Assert.Equal(Image(2, 21, 15), One(Image(18, 7, 5), new PixelShuffleLayer(3)).Output);
        Assert.Equal(Image(4, 14, 14), One(Image(16, 7, 7), new PixelShuffleLayer(2)).Output);
    }

    [Fact]
    public void Flatten_dense_unflatten_and_their_parameters()
    {
        var plan = Ae(Image(2, 3, 4),
            [new StageSpec("F", FlattenLayer.Instance), new StageSpec("D", new DenseLayer(48)), new StageSpec("U", new UnflattenLayer(4, 3, 4))], null).Infer();
        Assert.Equal(Shape.Vector(24), plan.Stage("F").Output);
        Assert.Equal(new DenseLowering(24, 48, true), plan.Stage("D").Layer);
        Assert.Equal((24 * 48) + 48, plan.Stage("D").ParameterCount);
        Assert.Equal(Image(4, 3, 4), plan.Stage("U").Output);
    }

    [Fact]
    public void Norms_lower_to_their_channels_and_count_affine_parameters()
    {
        var convOnly = One(Image(3, 8, 8), new ConvLayer(6, 3) { Bias = false });
        var plan = Ae(Image(3, 8, 8),
            [new StageSpec("B", new ConvLayer(6, 3) { Bias = false }) { Norm = new NormSpec(NormKind.Batch) },
             new StageSpec("G", IdentityLayer.Instance) { Norm = new NormSpec(NormKind.Group, 3) },
             new StageSpec("N", IdentityLayer.Instance) { Norm = new NormSpec(NormKind.Layer) },
             new StageSpec("F", FlattenLayer.Instance), new StageSpec("V", new DenseLayer(5)) { Norm = new NormSpec(NormKind.Batch) }], null).Infer();
        Assert.Equal(convOnly.ParameterCount + 12, plan.Stage("B").ParameterCount);
        Assert.Equal(new NormLowering(NormKind.Batch, 6, 0, Image(6, 8, 8), false), plan.Stage("B").Norm);
        Assert.Equal(new NormLowering(NormKind.Group, 6, 3, Image(6, 8, 8), false), plan.Stage("G").Norm);
        Assert.Equal(2 * 6 * 8 * 8, plan.Stage("N").ParameterCount);
        Assert.Equal(new NormLowering(NormKind.Batch, 5, 0, Shape.Vector(5), true), plan.Stage("V").Norm);
    }

    [Fact]
    public void Concat_adds_channels_and_add_keeps_them()
    {
        var plan = Ae(Image(1, 8, 8),
            [new StageSpec("A", new ConvLayer(4, 3)), new StageSpec("B", new ConvLayer(6, 3)) { Skip = new SkipSpec("A") },
             new StageSpec("C", new ConvLayer(4, 3)), new StageSpec("D", IdentityLayer.Instance) { Skip = new SkipSpec("A") { Merge = MergeKind.Add } }], null).Infer();
        Assert.Equal(Image(4, 8, 8), plan.Stage("B").Incoming);
        Assert.Equal(Image(8, 8, 8), plan.Stage("B").Input);
        Assert.Equal((6 * 8 * 9) + 6, plan.Stage("B").ParameterCount);
        Assert.Equal(Image(4, 8, 8), plan.Stage("D").Input);
        Assert.Equal(new SkipLowering("A", MergeKind.Add, Image(4, 8, 8), null), plan.Stage("D").Skip);
    }

    [Fact]
    public void High_pass_skip_lowers_pool_and_upsample_sizes_for_odd_maps()
    {
        var plan = Ae(Image(1, 7, 9),
            [new StageSpec("A", new ConvLayer(4, 3)), new StageSpec("B", new ConvLayer(4, 3)) { Skip = new SkipSpec("A") { Filter = SkipFilter.HighPass } }], null).Infer();
        Assert.Equal(new HighPassLowering(2, 3, 4, UpsampleMode.Bilinear, 7, 9), plan.Stage("B").Skip!.HighPass);
    }

    [Fact]
    public void Tied_weights_share_the_encoder_weight_and_count_only_the_bias()
    {
        var plan = Ae(Image(1, 28, 28),
            [new StageSpec("Enc1", new ConvLayer(16, 3) { Stride = 2 }), new StageSpec("Flat", FlattenLayer.Instance), new StageSpec("Enc2", new DenseLayer(32))], null,
            new StageSpec("Dec2", new DenseLayer(16 * 14 * 14)) { TiedTo = "Enc2" }, new StageSpec("Unflat", new UnflattenLayer(16, 14, 14)),
            new StageSpec("Dec1", new ConvTransposeLayer(1, 3) { Stride = 2 }) { TiedTo = "Enc1" }).Infer().Clean();
        Assert.Equal(new TiedLowering("Enc2", Transpose: true), plan.Stage("Dec2").Tied);
        Assert.Equal(16 * 14 * 14, plan.Stage("Dec2").ParameterCount);
        Assert.Equal(new TiedLowering("Enc1", Transpose: false), plan.Stage("Dec1").Tied);
        Assert.Equal(1, plan.Stage("Dec1").ParameterCount);
    }

    [Fact]
    public void Latent_kinds_shapes_and_parameters()
    {
        StageSpec[] encoder = [new StageSpec("Enc", new ConvLayer(8, 3) { Stride = 2 })]; // 8x14x14 = 1568
        StageSpec[] decoder = [new StageSpec("Dec", new ConvTransposeLayer(1, 3) { Stride = 2 })];
        var conv = Ae(Image(1, 28, 28), encoder, new ConvLatent(2), decoder).Infer().Clean().Latent!;
        Assert.Equal((Image(2, 14, 14), Image(2, 14, 14), 8 * 2 + 2L), (conv.Code, conv.Output, conv.ParameterCount));
        var dense = Ae(Image(1, 28, 28), encoder, new DenseLatent(10), decoder).Infer().Clean().Latent!;
        Assert.Equal((Shape.Vector(10), Image(8, 14, 14), 1568, 1568), (dense.Code, dense.Output, dense.InFeatures, dense.ProjectBackFeatures));
        Assert.Equal((1568 * 10) + 10 + (10 * 1568) + 1568, dense.ParameterCount);
        var vae = (Ae(Image(1, 28, 28), encoder, new VariationalLatent(10), decoder) with { Losses = new LossSpec[] { new MseLoss(), new KlLoss() } }).Infer().Clean().Latent!;
        Assert.Equal((2 * ((1568 * 10) + 10)) + (10 * 1568) + 1568, vae.ParameterCount);
        var glo = Ae(Image(1, 28, 28), [], new LearnableLatent(16) { ProjectTo = Image(8, 14, 14) }, decoder).Infer().Clean().Latent!;
        Assert.Equal((Shape.Vector(16), Image(8, 14, 14), (16 * 1568) + 1568L), (glo.Code, glo.Output, glo.ParameterCount));
    }

    [Fact]
    public void Discriminator_with_minibatch_discrimination()
    {
        var discriminator = new DiscriminatorSpec(new[]
        {
            new StageSpec("D1", new ConvLayer(4, 3) { Stride = 2 }), new StageSpec("DFlat", FlattenLayer.Instance),
        }) { MinibatchDiscrimination = true, MinibatchKernels = 5, MinibatchKernelDims = 3 };
        var plan = (Ae(Image(1, 8, 8), [new StageSpec("Enc", new ConvLayer(2, 3))], null, new StageSpec("Dec", new ConvLayer(1, 3)))
            with { Losses = new LossSpec[] { new MseLoss(), new AdversarialLoss(discriminator) } }).Infer().Clean();
        var d = plan.Discriminator!;
        Assert.Equal(Shape.Vector(64), d.Output);
        Assert.Equal(64, d.MinibatchInFeatures);
        Assert.Equal((4 * 9) + 4 + (64 * 5 * 3) + 64 + 5 + 1, d.ParameterCount);
    }

    [Fact]
    public void Inference_is_deterministic_and_plans_are_value_equal()
    {
        ModelSpec Make() => Ae(Image(1, 28, 28), [new StageSpec("Enc", new ConvLayer(8, 3) { Stride = 2 })], new DenseLatent(4), new StageSpec("Dec", new ConvTransposeLayer(1, 3) { Stride = 2 }));
        Assert.Equal(Make(), Make());
        Assert.Equal(ShapeInference.Infer(Make()), ShapeInference.Infer(Make()));
        Assert.Equal(ShapeInference.Infer(Make()).GetHashCode(), ShapeInference.Infer(Make()).GetHashCode());
    }

    [Fact]
    public void The_input_is_a_skip_source_before_every_stage()
    {
        var plan = Ae(Image(1, 28, 28), [Conv("Enc1", 8, 3, 2)], null, ConvT("Dec1", 8, 3, 2), Conv("Out", 1, 3).WithSkip(Defaults.InputSkipSource)).Infer();

        var output = plan.Stage("Out");
        Assert.Equal(Image(9, 28, 28), output.Input);
        Assert.True(output.Skip!.ReadsInput);
        // A reconstruction model that reads its own input at full resolution can copy it: the bypass warning says so.
        Assert.Equal(Severity.Warning, plan.Single("DSLAE012").Severity);
        Assert.DoesNotContain(plan.Diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void An_input_skip_at_another_resolution_is_a_merge_mismatch_and_a_stage_named_input_shadows_it()
    {
        var late = Conv("Out", 1, 3).WithSkip(Defaults.InputSkipSource);
        var plan = Ae(Image(1, 28, 28), [Conv("Enc1", 8, 3, 2)], null, late).Infer();
        Assert.StartsWith("Out concat with Input: expected 28x28, received 14x14", plan.Single("DSLAE002").Message);

        var shadowed = Ae(Image(1, 28, 28), [Conv("Input", 4, 3, 2)], null, ConvT("Dec1", 4, 3, 2).WithSkip(Defaults.InputSkipSource), Conv("Out", 1, 3)).Infer();
        Assert.Equal(Image(8, 14, 14), shadowed.Stage("Dec1").Input);
        Assert.False(shadowed.Stage("Dec1").Skip!.ReadsInput);
    }
}
