using DslAe.Model;
using static DslAe.Model.Tests.Build;

namespace DslAe.Model.Tests;

/// <summary>
/// One test (at least) per catalogue entry: its ID, severity, location and full message. The first
/// test of each ID is the catalogue's documented example, so the docs show real messages.
/// </summary>
public class DiagnosticTests
{
    private static readonly Shape Mnist = Image(1, 28, 28);

    /// <summary>Checks the diagnostic and that the rule's docs example quotes exactly this message.</summary>
    private static void AssertDocumented(DiagnosticRule rule, DiagnosticInfo diagnostic, SourceLocation location, string message)
    {
        Assert.Equal(rule.Id, diagnostic.Id);
        Assert.Equal(rule.Severity, diagnostic.Severity);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(location, diagnostic.Location);
        Assert.EndsWith("`" + message + "`", rule.Example);
    }

    [Fact]
    public void DSLAE001_names_the_stage_and_computes_the_output_padding()
    {
        var dec1 = ConvT("Dec1", 1, 3, 2, Padding.Explicit(1));
        var plan = Ae(Mnist, [Conv("Enc1", 32, 3, 2)], null, dec1).Infer();
        // Reported at the argument the fix changes, when the declaration wrote it.
        AssertDocumented(DiagnosticCatalogue.ReconstructionMismatch, plan.Single("DSLAE001"), dec1.LocationOf(ArgumentNames.OutputPadding),
            "Dec1: expected 28x28, received 27x27; set OutputPadding = 1 on Dec1 to get 28x28");
    }

    [Fact]
    public void DSLAE001_names_the_first_stage_where_the_mirror_diverges()
    {
        var dec1 = ConvT("Dec1", 32, 3, 2, Padding.Explicit(1));
        var plan = Ae(Mnist, [Conv("Enc1", 32, 3, 2), Conv("Enc2", 64, 3, 2)], null, dec1, ConvT("Dec2", 1, 3, 2)).Infer();
        var diagnostic = plan.Single("DSLAE001");
        Assert.Equal(dec1.LocationOf(ArgumentNames.OutputPadding), diagnostic.Location);
        Assert.Equal("Dec1: expected 14x14, received 13x13; set OutputPadding = 1 on Dec1 to get 14x14", diagnostic.Message);
    }

    [Fact]
    public void DSLAE001_reports_wrong_channels_at_the_last_stage()
    {
        var output = Conv("Out", 16);
        var plan = Ae(Mnist, [Conv("Enc1", 8, 3, 2)], null, ConvT("Dec1", 8, 3, 2), output).Infer();
        var diagnostic = plan.Single("DSLAE001");
        Assert.Equal(output.Location, diagnostic.Location);
        Assert.Equal("Out: expected 1x28x28, received 16x28x28; set outChannels: 1 on Out", diagnostic.Message);
    }

    [Fact]
    public void DSLAE001_asks_for_one_channel_per_class_with_cross_entropy()
    {
        var output = Conv("Out", 1);
        var spec = Ae(Mnist, [Conv("Enc1", 8, 3, 2)], null, ConvT("Dec1", 8, 3, 2), output) with
        {
            Target = new TargetSpec(TargetKind.PixelLabels) { Classes = 3 },
        };
        Assert.Equal("Out: expected 3x28x28, received 1x28x28; set outChannels: 3 on Out", spec.Infer().Single("DSLAE001").Message);
        // Without a declared loss a class target trains on cross-entropy, whose classes the target gives.
        Assert.Empty((spec with { Decoder = new[] { ConvT("Dec1", 8, 3, 2), Conv("Out", 3) }.ToEquatableArray() }).Infer().Diagnostics);
    }

    [Fact]
    public void DSLAE001_checks_class_logits_against_a_label_target()
    {
        var labels = new TargetSpec(TargetKind.Labels) { Classes = 10 };
        var image = Ae(Mnist, [Conv("Enc1", 8, 3, 2)], null, Conv("Out", 10, 3, 2)) with { Target = labels };
        Assert.Equal("Out: expected [10], received 10x7x7; end with a Flatten stage and a Dense(10) stage (one logit per class)", image.Infer().Single("DSLAE001").Message);
        var dense = Dense("Out", 12);
        var vector = Ae(Mnist, [Conv("Enc1", 8, 3, 2)], null, Flatten("Flat"), dense) with { Target = labels };
        var plan = vector.Infer();
        Assert.Equal("Out: expected [10], received [12]; set features: 10 on Out", plan.Single("DSLAE001").Message);
        Assert.Equal("Out;OutFeatures=10", plan.Single("DSLAE001").Fixes.Single().Encode());
        Assert.Empty((vector with { Decoder = new[] { Flatten("Flat"), Dense("Out", 10) }.ToEquatableArray() }).Infer().Diagnostics);
    }

    [Fact]
    public void DSLAE001_checks_a_paired_image_target_at_its_scale()
    {
        var target = new TargetSpec(TargetKind.Image) { Scale = 2, Residual = true };
        var spec = Ae(new Shape(1, 14, 14), [Conv("Enc1", 8, 3)], null, ConvT("Up", 8, 3, 2), Conv("Out", 1)) with { Target = target };
        Assert.Empty(spec.Infer().Diagnostics);
        var tooSmall = spec with { Decoder = new[] { Conv("Out", 1) }.ToEquatableArray() };
        Assert.StartsWith("Out: expected 28x28, received 14x14;", tooSmall.Infer().Single("DSLAE001").Message);
        Assert.Equal("Target: Residual must be false unless the target is an image (residual learning adds the upsampled input), received true",
            (spec with { Target = new TargetSpec(TargetKind.Labels) { Residual = true } }).Infer().Diagnostics.First(d => d.Id == "DSLAE016").Message);
    }

    [Fact]
    public void DSLAE001_asks_for_upsampling_when_the_decoder_stops_short()
    {
        var dec1 = ConvT("Dec1", 1, 3, 2);
        var plan = Ae(Mnist, [Conv("Enc1", 8, 3, 2), Conv("Enc2", 8, 3, 2)], null, dec1).Infer();
        Assert.Equal("Dec1: expected 28x28, received 14x14; add an upsampling stage after Dec1 to reach 28x28", plan.Single("DSLAE001").Message);
    }

    [Fact]
    public void DSLAE002_names_both_stages_and_fixes_the_stage_before_the_merge()
    {
        var dec2 = ConvT("Dec2", 1, 3, 2).WithSkip("Enc1");
        var plan = Ae(Mnist, [Conv("Enc1", 32, 3, 2), Conv("Enc2", 64, 3, 2)], null, ConvT("Dec1", 32, 3, 2, Padding.Explicit(1)), dec2).Infer();
        AssertDocumented(DiagnosticCatalogue.MergeSizeMismatch, plan.Single("DSLAE002"), dec2.Skip!.Location,
            "Dec2 concat with Enc1: expected 14x14, received 13x13; set OutputPadding = 1 on Dec1 to get 14x14");
    }

    [Fact]
    public void DSLAE003_add_needs_equal_channels()
    {
        var dec2 = ConvT("Dec2", 1, 3, 2).WithSkip("Enc1", MergeKind.Add);
        var plan = Ae(Mnist, [Conv("Enc1", 32, 3, 2), Conv("Enc2", 64, 3, 2)], null, ConvT("Dec1", 16, 3, 2), dec2).Infer();
        AssertDocumented(DiagnosticCatalogue.MergeChannelMismatch, plan.Single("DSLAE003"), dec2.Skip!.Location,
            "Dec2 add with Enc1: expected 32 channels, received 16; set outChannels: 32 on Dec1, or use Merge = Merge.Concat");
    }

    [Fact]
    public void DSLAE004_kernel_larger_than_the_input()
    {
        var enc1 = Conv("Enc1", 8, 5, 1, Padding.Valid);
        var plan = Ae(Image(1, 4, 4), [enc1], null, ConvT("Dec1", 1, 5, 1, Padding.Valid)).Infer();
        AssertDocumented(DiagnosticCatalogue.NonPositiveSize, plan.Single("DSLAE004"), enc1.LocationOf(ArgumentNames.Kernel),
            "Enc1: Conv(kernel 5, stride 1, padding valid) on 1x4x4 gives 8x0x0; use Pad = Pad.Same, a smaller kernel or fewer down-sampling stages");
    }

    [Fact]
    public void DSLAE004_too_many_poolings_for_a_small_input()
    {
        var pool3 = MaxPool("Pool3");
        var plan = Ae(Image(1, 4, 4), [MaxPool("Pool1"), MaxPool("Pool2"), pool3], null).Infer();
        Assert.Equal("Pool3: MaxPool(kernel 2, stride 2, padding 0) on 1x1x1 gives 1x0x0; use a smaller kernel or fewer down-sampling stages", plan.Single("DSLAE004").Message);
    }

    [Fact]
    public void DSLAE005_odd_size_pooled_in_floor_mode()
    {
        var pool1 = MaxPool("Pool1", 2, indices: true);
        var plan = Ae(Image(1, 7, 7), [pool1], null, Unpool("Up1", "Pool1")).Infer();
        AssertDocumented(DiagnosticCatalogue.InputPixelsDropped, plan.Single("DSLAE005"), pool1.Location,
            "Pool1: MaxPool(kernel 2, stride 2, padding 0) on 1x7x7 gives 1x3x3 and ignores the last 1 row(s) and 1 column(s); set CeilMode = true, or choose an input size divisible by the stride");
        Assert.False(plan.HasErrors); // Unpooling restores 7x7 exactly: a warning, not an error.
    }

    [Fact]
    public void DSLAE005_is_silent_when_only_padding_is_left_out()
    {
        // k3 s2 p1 on 28: the remainder is the right padding column, no real pixel.
        var plan = Ae(Mnist, [Conv("Enc1", 8, 3, 2, Padding.Explicit(1))], null, ConvT("Dec1", 1, 3, 2, Padding.Explicit(1), 1)).Infer();
        plan.Clean();
    }

    [Fact]
    public void DSLAE006_unknown_skip_source_lists_the_stages_before()
    {
        var dec2 = ConvT("Dec2", 1, 3, 2).WithSkip("Enc3");
        var plan = Ae(Mnist, [Conv("Enc1", 32, 3, 2), Conv("Enc2", 64, 3, 2)], new DenseLatent(16), ConvT("Dec1", 32, 3, 2), dec2).Infer();
        AssertDocumented(DiagnosticCatalogue.UnknownSkipSource, plan.Single("DSLAE006"), dec2.Skip!.Location,
            "Dec2: skip source 'Enc3' is not a stage of this model; stages before Dec2 are Enc1, Enc2, Code, Dec1");
    }

    [Fact]
    public void DSLAE006_suggests_the_name_that_differs_only_in_case()
    {
        var plan = Ae(Mnist, [Conv("Enc1", 32, 3, 2)], null, ConvT("Dec1", 1, 3, 2).WithSkip("enc1")).Infer();
        Assert.Equal("Dec1: skip source 'enc1' is not a stage of this model; did you mean 'Enc1'?", plan.Single("DSLAE006").Message);
    }

    [Fact]
    public void DSLAE007_skip_from_a_later_stage()
    {
        var dec1 = ConvT("Dec1", 32, 3, 2).WithSkip("Dec2");
        var plan = Ae(Mnist, [Conv("Enc1", 32, 3, 2), Conv("Enc2", 64, 3, 2)], new DenseLatent(16), dec1, ConvT("Dec2", 1, 3, 2)).Infer();
        AssertDocumented(DiagnosticCatalogue.LaterSkipSource, plan.Single("DSLAE007"), dec1.Skip!.Location,
            "Dec1: skip source 'Dec2' runs at or after Dec1; stages before Dec1 are Enc1, Enc2, Code");
    }

    [Fact]
    public void Messages_put_an_before_a_kind_that_starts_with_a_vowel()
    {
        var up1 = Unpool("Up1", "Pool1");
        var plan = Ae(Mnist, [Conv("Enc1", 8), Stage("Pool1", new AvgPoolLayer(2), ArgumentNames.Kernel)], null, up1).Infer();
        Assert.Contains("received an AvgPool stage", plan.Single("DSLAE008").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSLAE008_unpooling_a_stage_that_is_not_a_max_pool()
    {
        var up1 = Unpool("Up1", "Enc1");
        var plan = Ae(Mnist, [Conv("Enc1", 8), MaxPool("Pool1", 2, indices: true)], null, up1).Infer();
        AssertDocumented(DiagnosticCatalogue.UnpoolWithoutPool, plan.Single("DSLAE008"), up1.LocationOf(ArgumentNames.Of),
            "Up1: MaxUnpool needs an earlier MaxPool stage named 'Enc1', received a Conv stage; max-pooling stages before Up1: Pool1");
    }

    [Fact]
    public void DSLAE008_unpooling_an_unknown_stage_without_any_pool()
    {
        var plan = Ae(Mnist, [Conv("Enc1", 8)], null, Unpool("Up1", "Pool9")).Infer();
        Assert.Equal("Up1: MaxUnpool needs an earlier MaxPool stage named 'Pool9', received no stage of that name; add a MaxPool stage with KeepIndices = true before Up1", plan.Single("DSLAE008").Message);
    }

    [Fact]
    public void DSLAE009_pool_without_indices()
    {
        var up1 = Unpool("Up1", "Pool1");
        var plan = Ae(Mnist, [MaxPool("Pool1")], null, up1).Infer();
        AssertDocumented(DiagnosticCatalogue.PoolWithoutIndices, plan.Single("DSLAE009"), up1.LocationOf(ArgumentNames.Of),
            "Up1: MaxUnpool of Pool1 needs its indices, but Pool1 does not keep them; set KeepIndices = true on Pool1");
    }

    [Fact]
    public void DSLAE010_tied_conv_weight_of_the_wrong_shape()
    {
        var dec1 = Stage("Dec1", new ConvTransposeLayer(8, 3), ArgumentNames.TiedTo) with { TiedTo = "Enc1" };
        var plan = Ae(Mnist, [Conv("Enc1", 32)], null, dec1).Infer();
        AssertDocumented(DiagnosticCatalogue.TiedWeightMismatch, plan.Single("DSLAE010"), dec1.LocationOf(ArgumentNames.TiedTo),
            "Dec1 tied to Enc1: expected weight 32x8x3x3, received 32x1x3x3; set outChannels: 1 on Dec1");
    }

    [Fact]
    public void DSLAE010_tied_dense_weight_of_the_wrong_shape()
    {
        var dec = Stage("Dec1", new DenseLayer(100), ArgumentNames.TiedTo) with { TiedTo = "Enc2" };
        var plan = Ae(Mnist, [Stage("Enc1", FlattenLayer.Instance), Stage("Enc2", new DenseLayer(64))], null, dec).Infer();
        Assert.Equal("Dec1 tied to Enc2: expected weight 64x100, received 64x784; set features: 784 on Dec1", plan.Single("DSLAE010").Message);
    }

    [Fact]
    public void DSLAE011_tie_between_kinds_that_cannot_share_a_weight()
    {
        var dec1 = Stage("Dec1", new ConvLayer(1, 3), ArgumentNames.TiedTo) with { TiedTo = "Enc1" };
        var plan = Ae(Mnist, [Conv("Enc1", 32)], null, dec1).Infer();
        AssertDocumented(DiagnosticCatalogue.InvalidTie, plan.Single("DSLAE011"), dec1.LocationOf(ArgumentNames.TiedTo),
            "Dec1 tied to Enc1: a Conv stage cannot use a Conv weight transposed; make Dec1 a ConvTranspose");
    }

    [Fact]
    public void DSLAE011_tie_to_a_decoder_stage()
    {
        var dec2 = Stage("Dec2", new ConvTransposeLayer(1, 3)) with { TiedTo = "Dec1" };
        var plan = Ae(Mnist, [Conv("Enc1", 8)], null, ConvT("Dec1", 8), dec2).Infer();
        Assert.Equal("Dec2 tied to Dec1: Dec1 is not an encoder stage; encoder stages are Enc1", plan.Single("DSLAE011").Message);
    }

    private static ModelSpec UNet(SkipFilter filter) => Ae(Mnist,
        [Conv("Enc1", 16), Conv("Enc2", 32, 3, 2)], null,
        ConvT("Dec1", 16, 3, 2), Conv("Out", 1, 1).WithSkip("Enc1", filter: filter));

    [Fact]
    public void DSLAE012_full_resolution_skip_warns()
    {
        var spec = UNet(SkipFilter.None);
        var plan = spec.Infer();
        AssertDocumented(DiagnosticCatalogue.FullResolutionSkip, plan.Single("DSLAE012"), spec.Decoder[1].Skip!.Location,
            "Out: skip from Enc1 carries the input at full resolution (28x28) past the bottleneck, so the decoder can copy it and the code learns little; make the skip high-pass (HighPass = true), drop it, or corrupt the input");
        Assert.False(plan.HasErrors);
    }

    [Fact]
    public void DSLAE012_is_silent_for_high_pass_skips_segmentation_and_corrupted_inputs()
    {
        UNet(SkipFilter.HighPass).Infer().Clean();
        (UNet(SkipFilter.None) with { Losses = new LossSpec[] { new CrossEntropyLoss() }, Target = new TargetSpec(TargetKind.PixelLabels) }).Infer().Clean();
        (UNet(SkipFilter.None) with { Corruption = new CorruptionSpec(CorruptionKind.Gaussian, 0.3) }).Infer().Clean();
    }

    [Fact]
    public void DSLAE013_kl_without_a_variational_latent()
    {
        var kl = new KlLoss { Location = At(3) };
        var spec = Ae(Mnist, [Conv("Enc1", 8, 3, 2)], new DenseLatent(32), ConvT("Dec1", 1, 3, 2)) with { Losses = new LossSpec[] { kl } };
        AssertDocumented(DiagnosticCatalogue.KlWithoutVariational, spec.Infer().Single("DSLAE013"), kl.Location,
            "Loss Kl: KL divergence needs a variational latent, received a Dense latent; declare the latent with Kind = LatentKind.Variational or remove the KL loss");
    }

    [Fact]
    public void DSLAE014_too_many_pyramid_levels_for_the_image()
    {
        var levels = At(5);
        var pyramid = new LaplacianPyramidLoss { Levels = 6, Location = At(4), ArgumentLocations = new[] { new ArgumentLocation(ArgumentNames.Levels, levels) } };
        var spec = Ae(Mnist, [Conv("Enc1", 8, 3, 2)], null, ConvT("Dec1", 1, 3, 2)) with { Losses = new LossSpec[] { pyramid } };
        AssertDocumented(DiagnosticCatalogue.TooManyPyramidLevels, spec.Infer().Single("DSLAE014"), levels,
            "Loss LaplacianPyramid: 6 levels need at least 3x3 on every level blurred, received 2x2 at level 4; set Levels = 5");
        (spec with { Losses = new LossSpec[] { pyramid with { Levels = 5 } } }).Infer().Clean();
    }

    [Fact]
    public void DSLAE015_duplicate_names()
    {
        var second = Conv("Enc1", 8, 3, 2) with { ArgumentLocations = new[] { new ArgumentLocation(ArgumentNames.Name, At(77)) } };
        var plan = Ae(Mnist, [Conv("Enc1", 8), second], null, ConvT("Dec1", 1, 3, 2)).Infer();
        AssertDocumented(DiagnosticCatalogue.DuplicateName, plan.Single("DSLAE015"), At(77),
            "Enc1: the name is already used by an earlier stage; rename one of them");
    }

    [Fact]
    public void DSLAE016_kernel_must_be_positive()
    {
        var enc1 = Conv("Enc1", 16, 0);
        var plan = Ae(Mnist, [enc1], null, Conv("Dec1", 1)).Infer();
        AssertDocumented(DiagnosticCatalogue.InvalidValue, plan.Single("DSLAE016"), enc1.LocationOf(ArgumentNames.Kernel),
            "Enc1: Kernel must be at least 1, received 0");
    }

    [Theory]
    [InlineData("Dropout", "Enc1: Dropout must be in [0, 1), received 1")]
    [InlineData("LearningRate", "Optimizer: Lr must be a finite number above 0, received 0")]
    [InlineData("Padding", "Enc1: Padding must be at least 0, received -1")]
    [InlineData("Stride", "Enc1: Stride must be at least 1, received 0")]
    [InlineData("Epochs", "Training: Epochs must be at least 1, received 0")]
    [InlineData("Nesterov", "Optimizer: Nesterov must be used with SGD and a momentum above 0, received Sgd with momentum 0")]
    [InlineData("Corruption", "Corruption Masking: amount must be in [0, 1), received 1.5")]
    [InlineData("Weight", "Loss Mse: Weight must be a finite number of at least 0, received -1")]
    [InlineData("Upsample", "Up: Scale must be given alone (give either it or Height and Width), received both")]
    [InlineData("FineTuneClasses", "FineTune: Classes must be at least 2 (the labels' number of classes), received none")]
    [InlineData("FineTuneLabels", "FineTune: Labels must be at least 1, received 0")]
    [InlineData("FineTuneTarget", "FineTune: the model's target must be the input (a fine-tune follows reconstruction training; remove the target or the fine-tune), received a class label per pixel")]
    public void DSLAE016_invalid_values(string what, string message)
    {
        var enc1 = Conv("Enc1", 8);
        var decoder = new List<StageSpec> { Conv("Dec1", 1) };
        var spec = Ae(Mnist, [enc1], null);
        spec = what switch
        {
            "Dropout" => spec with { Encoder = new[] { enc1 with { Dropout = 1 } } },
            "LearningRate" => spec with { Training = new TrainingSpec { Optimizer = new OptimizerSpec(OptimizerKind.Adam) { LearningRate = 0 } } },
            "Padding" => spec with { Encoder = new[] { enc1 with { Layer = new ConvLayer(8, 3) { Padding = Padding.Explicit(-1) } } } },
            "Stride" => spec with { Encoder = new[] { enc1 with { Layer = new ConvLayer(8, 3) { Stride = 0 } } } },
            "Epochs" => spec with { Training = new TrainingSpec { Epochs = 0 } },
            "Nesterov" => spec with { Training = new TrainingSpec { Optimizer = new OptimizerSpec(OptimizerKind.Sgd) { Nesterov = true } } },
            "Corruption" => spec with { Corruption = new CorruptionSpec(CorruptionKind.Masking, 1.5) },
            "Weight" => spec with { Losses = new LossSpec[] { new MseLoss { Weight = -1 } } },
            "Upsample" => spec with { Encoder = new[] { enc1, Stage("Up", new UpsampleLayer(UpsampleMode.Nearest) { Scale = 2, Size = new SpatialSize(56, 56) }) } },
            "FineTuneClasses" => spec with { FineTune = new FineTuneSpec(0) },
            "FineTuneLabels" => spec with { FineTune = new FineTuneSpec(10) { Labels = 0 } },
            "FineTuneTarget" => spec with { FineTune = new FineTuneSpec(10), Target = new TargetSpec(TargetKind.PixelLabels) },
            _ => throw new ArgumentException(what),
        };
        spec = spec with { Decoder = decoder.ToArray() };
        Assert.Equal(message, spec.Infer().Single("DSLAE016").Message);
    }

    [Fact]
    public void DSLAE017_output_padding_not_below_stride_or_dilation()
    {
        var dec1 = ConvT("Dec1", 1, 3, 2, Padding.Explicit(1), outputPadding: 2);
        var plan = Ae(Mnist, [Conv("Enc1", 8, 3, 2)], null, dec1).Infer();
        AssertDocumented(DiagnosticCatalogue.OutputPaddingTooLarge, plan.Single("DSLAE017"), dec1.LocationOf(ArgumentNames.OutputPadding),
            "Dec1: OutputPadding must be smaller than the stride (2) or the dilation (1), received 2; use an OutputPadding below 2, or a larger stride");
    }

    [Fact]
    public void DSLAE018_groups_must_divide_the_channels()
    {
        var enc2 = Stage("Enc2", new ConvLayer(8, 3) { Groups = 4 }, ArgumentNames.Groups);
        var plan = Ae(Mnist, [Conv("Enc1", 6), enc2], null, Conv("Dec1", 1)).Infer();
        AssertDocumented(DiagnosticCatalogue.GroupsMismatch, plan.Single("DSLAE018"), enc2.LocationOf(ArgumentNames.Groups),
            "Enc2: in channels (6) are not divisible by Groups = 4; use Groups = 2 (divides 6 and 8)");
    }

    [Fact]
    public void DSLAE018_group_norm_groups_must_divide_the_channels()
    {
        var enc1 = Conv("Enc1", 6) with { Norm = new NormSpec(NormKind.Group, 4) };
        var plan = Ae(Mnist, [enc1], null, Conv("Dec1", 1)).Infer();
        Assert.Equal("Enc1: norm channels (6) are not divisible by NormGroups = 4; use NormGroups = 3", plan.Single("DSLAE018").Message);
    }

    [Fact]
    public void DSLAE019_pixel_shuffle_channels()
    {
        var up = Stage("Up", new PixelShuffleLayer(2), ArgumentNames.Factor);
        var plan = Ae(Mnist, [Conv("Enc1", 6, 3, 2)], null, Conv("Dec1", 6), up).Infer();
        AssertDocumented(DiagnosticCatalogue.PixelShuffleChannels, plan.Single("DSLAE019"), up.LocationOf(ArgumentNames.Factor),
            "Up: PixelShuffle(2) needs channels divisible by 4, received 6; set outChannels: 8 on the stage before it");
    }

    [Fact]
    public void DSLAE020_empty_model()
    {
        var spec = Ae(Mnist, []) with { Name = "Empty" };
        AssertDocumented(DiagnosticCatalogue.EmptyModel, spec.Infer().Single("DSLAE020"), spec.Location,
            "Empty: the model has no stages and no latent; declare encoder and decoder stages");
    }

    [Fact]
    public void DSLAE020_adversarial_loss_without_discriminator_stages()
    {
        var spec = Ae(Mnist, [Conv("Enc1", 8)], null, Conv("Dec1", 1)) with
        {
            Losses = new LossSpec[] { new AdversarialLoss(new DiscriminatorSpec(default)) },
        };
        Assert.Equal("Discriminator: the adversarial loss's discriminator has no stages; declare its stages, ending in a Dense(1) or a one-channel Conv", spec.Infer().Single("DSLAE020").Message);
    }

    [Fact]
    public void DSLAE021_missing_input()
    {
        var spec = Ae(null, [Conv("Enc1", 8)], null, Conv("Dec1", 1)) with { Name = "Model" };
        AssertDocumented(DiagnosticCatalogue.MissingInput, spec.Infer().Single("DSLAE021"), At(2),
            "Model: the input shape is missing; declare the input as channels, height, width, e.g. [Autoencoder(1, 28, 28)]");
    }

    [Fact]
    public void DSLAE021_non_positive_input()
    {
        var spec = Ae(Image(1, 0, 28), [Conv("Enc1", 8)], null, Conv("Dec1", 1));
        Assert.Equal("TestAe: the input must be an image with positive channels, height and width, received 1x0x28; declare the input as channels, height, width, e.g. [Autoencoder(1, 28, 28)]", spec.Infer().Single("DSLAE021").Message);
    }

    [Fact]
    public void DSLAE022_dense_on_an_image()
    {
        var enc2 = Stage("Enc2", new DenseLayer(32));
        var plan = Ae(Mnist, [Conv("Enc1", 32, 3, 4), enc2], null).Infer();
        AssertDocumented(DiagnosticCatalogue.RankMismatch, plan.Single("DSLAE022"), enc2.Location,
            "Enc2: Dense needs a vector, received 32x7x7; insert a Flatten stage before Enc2");
    }

    [Fact]
    public void DSLAE022_conv_on_a_vector()
    {
        var plan = Ae(Mnist, [Stage("Flat", FlattenLayer.Instance)], null, Conv("Dec1", 1)).Infer();
        Assert.Equal("Dec1: Conv needs an image, received [784]; insert an Unflatten stage before Dec1", plan.Single("DSLAE022").Message);
    }

    [Fact]
    public void DSLAE023_unflatten_size_differs()
    {
        var dec1 = Stage("Dec1", new UnflattenLayer(32, 7, 7), ArgumentNames.Shape);
        var plan = Ae(Mnist, [Stage("Flat", FlattenLayer.Instance)], null, Stage("Dec0", new DenseLayer(512)), dec1).Infer();
        AssertDocumented(DiagnosticCatalogue.UnflattenMismatch, plan.Single("DSLAE023"), dec1.LocationOf(ArgumentNames.Shape),
            "Dec1: Unflatten to 32x7x7 needs 1568 features, received 512; set features: 1568 on Dec0");
    }

    [Fact]
    public void DSLAE024_pool_padding_above_half_the_kernel()
    {
        var pool = Stage("Pool1", new MaxPoolLayer(2) { Padding = 2 }, ArgumentNames.Padding);
        var plan = Ae(Mnist, [pool], null, Conv("Dec1", 1)).Infer();
        AssertDocumented(DiagnosticCatalogue.PoolPaddingTooLarge, plan.Single("DSLAE024"), pool.LocationOf(ArgumentNames.Padding),
            "Pool1: Padding must be at most half the kernel (1), received 2");
    }

    [Fact]
    public void DSLAE025_learnable_codes_with_an_encoder()
    {
        var code = new LearnableLatent(64) { Location = At(6) };
        var plan = Ae(Mnist, [Conv("Enc1", 8), Conv("Enc2", 8)], code, Conv("Dec1", 1)).Infer();
        AssertDocumented(DiagnosticCatalogue.LatentMismatch, plan.Single("DSLAE025"), code.Location,
            "Code: learned codes replace the encoder, received 2 encoder stages; remove the encoder stages or use a Dense latent");
    }

    [Fact]
    public void DSLAE025_conv_latent_on_a_vector()
    {
        var plan = Ae(Mnist, [Stage("Flat", FlattenLayer.Instance)], new ConvLatent(8), Stage("Dec1", new DenseLayer(784))).Infer();
        Assert.Equal("Code: a Conv latent needs an image from the encoder, received [784]; use a Dense latent", plan.Single("DSLAE025").Message);
    }

    [Fact]
    public void DSLAE026_perceptual_loss_on_an_unknown_stage()
    {
        var layers = At(8);
        var loss = new PerceptualLoss(new[] { "Enc9" }) { ArgumentLocations = new[] { new ArgumentLocation(ArgumentNames.Layers, layers) } };
        var spec = Ae(Mnist, [Conv("Enc1", 8, 3, 2), Conv("Enc2", 8, 3, 2)], null, ConvT("Dec1", 8, 3, 2), ConvT("Dec2", 1, 3, 2)) with { Losses = new LossSpec[] { loss } };
        AssertDocumented(DiagnosticCatalogue.UnknownLossLayer, spec.Infer().Single("DSLAE026"), layers,
            "Loss Perceptual: layer 'Enc9' is not a stage of the encoder; stages are Enc1, Enc2");
    }

    [Fact]
    public void DSLAE027_variational_latent_without_kl()
    {
        var code = new VariationalLatent(16) { Location = At(9) };
        var plan = Ae(Mnist, [Conv("Enc1", 8, 3, 2)], code, ConvT("Dec1", 1, 3, 2)).Infer();
        AssertDocumented(DiagnosticCatalogue.VariationalWithoutKl, plan.Single("DSLAE027"), code.Location,
            "Code: the variational latent has no KL loss, so nothing keeps its codes near N(0, I); add a Kl loss");
        (Ae(Mnist, [Conv("Enc1", 8, 3, 2)], code, ConvT("Dec1", 1, 3, 2)) with { Losses = new LossSpec[] { new MseLoss(), new KlLoss() } }).Infer().Clean();
    }

    [Fact]
    public void DSLAE028_high_pass_skip_on_a_one_pixel_map()
    {
        var dec3 = Conv("Dec3", 8).WithSkip("Enc4", filter: SkipFilter.HighPass);
        var plan = Ae(Image(1, 8, 8),
            [Conv("Enc1", 8, 3, 2), Conv("Enc2", 8, 3, 2), Conv("Enc3", 8, 3, 2), Conv("Enc4", 64, 1)], null,
            dec3).Infer();
        AssertDocumented(DiagnosticCatalogue.HighPassTooSmall, plan.Single("DSLAE028"), dec3.Skip!.Location,
            "Dec3: the high-pass filter pools 2x2 blocks, received 1x1 from Enc4; skip from a larger stage or drop the filter");
    }

    [Fact]
    public void DSLAE029_unpooling_a_tensor_of_another_shape()
    {
        var up1 = Unpool("Up1", "Pool1");
        var plan = Ae(Mnist, [Conv("Enc1", 16), MaxPool("Pool1", 2, indices: true)], null, Conv("Dec2", 8), up1).Infer();
        AssertDocumented(DiagnosticCatalogue.UnpoolInputMismatch, plan.Single("DSLAE029"), up1.LocationOf(ArgumentNames.Of),
            "Up1: MaxUnpool of Pool1 expected 16x14x14 (the shape Pool1 produced), received 8x14x14; set outChannels: 16 on Dec2");
    }

    private static StageSpec DilatedPool(bool indices) =>
        Stage("Pool1", new MaxPoolLayer(2) { Padding = 1, Dilation = 3, CeilMode = true, KeepIndices = indices }, ArgumentNames.Dilation);

    [Fact]
    public void DSLAE030_dilated_pool_window_without_input_pixels()
    {
        var pool = DilatedPool(indices: false);
        var plan = Ae(Image(3, 9, 1), [pool], null).Infer();
        AssertDocumented(DiagnosticCatalogue.EmptyPoolingWindow, plan.Single("DSLAE030"), pool.LocationOf(ArgumentNames.Dilation),
            "Pool1: MaxPool(kernel 2, stride 2, padding 1, dilation 3, ceil mode) on 3x9x1 has windows that contain no input pixel, which yield -inf; use less Padding or Dilation, or CeilMode = false");
    }

    [Fact]
    public void DSLAE031_unpooling_a_pool_with_empty_windows()
    {
        var up1 = Unpool("Up1", "Pool1");
        var plan = Ae(Image(3, 9, 1), [DilatedPool(indices: true)], null, up1).Infer();
        AssertDocumented(DiagnosticCatalogue.UnpoolEmptyWindows, plan.Single("DSLAE031"), up1.LocationOf(ArgumentNames.Of),
            "Up1: MaxUnpool of Pool1 cannot place the values of windows that contain no input pixel (their indices point outside 9x1); use less Padding or Dilation on Pool1");
    }

    /// <summary>FashionAe (examples/FashionAutoencoder) with a training section of its own.</summary>
    private static ModelSpec FashionAe(TrainingSpec training)
    {
        StageSpec Act(StageSpec stage, ActivationKind kind) => stage with { Activation = new ActivationSpec(kind) };
        return Ae(Mnist, [Act(Conv("Enc1", 32, 3, 2), ActivationKind.Relu), Act(Conv("Enc2", 64, 3, 2), ActivationKind.Relu)], new DenseLatent(32),
                Act(ConvT("Dec1", 32, 3, 2), ActivationKind.Relu), Act(ConvT("Dec2", 1, 3, 2), ActivationKind.Sigmoid))
            with { Losses = new LossSpec[] { new MseLoss() }, Training = training };
    }

    private static TrainingSpec Budget(int batch, string budget) => new()
    {
        BatchSize = batch, MemoryBudget = budget, Location = At(3),
        ArgumentLocations = new[] { new ArgumentLocation(ArgumentNames.BatchSize, At(3, 10)), new ArgumentLocation(ArgumentNames.MemoryBudget, At(3, 30)) },
    };

    [Fact]
    public void DSLAE032_a_batch_over_the_memory_budget_names_the_largest_that_fits()
    {
        var training = Budget(4096, "256MB");
        var plan = FashionAe(training).Infer();
        AssertDocumented(DiagnosticCatalogue.OverMemoryBudget, plan.Single("DSLAE032"), training.LocationOf(ArgumentNames.MemoryBudget),
            "Training: a training step at batch 4096 needs about 931 MiB (232 KiB per sample for its tensors, 3.68 MiB for weights, gradients and optimiser state), more than the MemoryBudget of 244 MiB; the largest batch that fits is 1062: set Batch = 1062");

        // The batch it names fits, and one more does not.
        Assert.DoesNotContain(FashionAe(Budget(1062, "256MB")).Infer().Diagnostics, d => d.Id == "DSLAE032");
        Assert.Contains(FashionAe(Budget(1063, "256MB")).Infer().Diagnostics, d => d.Id == "DSLAE032");
        Assert.EndsWith("not even a batch of 1 fits: raise the budget or make the model smaller", FashionAe(Budget(64, "1 MiB")).Infer().Single("DSLAE032").Message);
        // Without a budget there is nothing to exceed; a budget that is no size is a value error at the argument.
        Assert.Empty(FashionAe(TrainingSpec.Default with { BatchSize = 1 << 20 }).Infer().Diagnostics);
        var unreadable = Budget(64, "lots");
        Assert.Equal("Training: MemoryBudget must be a size such as \"2GB\" or \"8 GiB\", received \"lots\"", FashionAe(unreadable).Infer().Single("DSLAE016").Message);
    }

    [Fact]
    public void DSLAE033_a_loss_that_does_not_fit_the_target()
    {
        var crossEntropy = new CrossEntropyLoss { Location = At(3) };
        var spec = Ae(Mnist, [Conv("Enc1", 8, 3, 2)], null, ConvT("Dec1", 1, 3, 2)) with { Losses = new LossSpec[] { crossEntropy } };
        AssertDocumented(DiagnosticCatalogue.LossDoesNotFitTarget, spec.Infer().Single("DSLAE033"), crossEntropy.Location,
            "Loss CrossEntropy: compares class logits with class indices, but the target is the input image; declare [Target(TargetKind.PixelLabels)] for segmentation or [Target(TargetKind.Labels)] for a classifier, or use an image loss such as Mse");
        var mse = new MseLoss { Location = At(4) };
        var segmenter = spec with { Losses = new LossSpec[] { mse, new KlLoss() }, Target = new TargetSpec(TargetKind.PixelLabels) };
        var diagnostic = segmenter.Infer().Diagnostics.Single(d => d.Id == "DSLAE033");
        Assert.Equal("Loss Mse: compares images, but the target is a class label per pixel; use CrossEntropy", diagnostic.Message);
        Assert.Equal(mse.Location, diagnostic.Location);
        Assert.Contains("target: { kind: pixel_labels }", (spec with { FrontEnd = FrontEnd.Yaml }).Infer().Single("DSLAE033").Message);
    }

    [Theory]
    [InlineData("2GB", 2_000_000_000L)]
    [InlineData("2 GiB", 2L << 30)]
    [InlineData("1.5gib", 3L << 29)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("80000000", 80_000_000L)]
    [InlineData("64 kb", 64_000L)]
    [InlineData("3TB", 3_000_000_000_000L)]
    public void Memory_sizes_read_as_vendors_write_them(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var read));
        Assert.Equal(bytes, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GB")]
    [InlineData("-2GB")]
    [InlineData("0")]
    [InlineData("2 parsecs")]
    [InlineData("1e3")]
    [InlineData("99999999999TB")]
    public void Anything_else_is_no_size(string text) => Assert.False(ByteSize.TryParse(text, out _));

    [Fact]
    public void Every_catalogue_entry_has_a_test_here()
    {
        var tested = typeof(DiagnosticTests).GetMethods().Select(m => m.Name).Where(n => n.StartsWith("DSLAE", StringComparison.Ordinal)).Select(n => n[..8]).ToHashSet();
        var untested = DiagnosticCatalogue.All.Select(r => r.Id).Where(id => !tested.Contains(id)).ToList();
        Assert.True(untested.Count == 0, "no test for " + string.Join(", ", untested));
    }
}
