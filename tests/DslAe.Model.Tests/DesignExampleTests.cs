using DslAe.Model;
using static DslAe.Model.Tests.Build;

namespace DslAe.Model.Tests;

/// <summary>The two models of DESIGN.md, with the shapes the design states.</summary>
public class DesignExampleTests
{
    [Fact]
    public void FashionAe_has_the_shapes_the_design_states()
    {
        var spec = Ae(Image(1, 28, 28),
            [Conv("Enc1", 32, 3, 2), Conv("Enc2", 64, 3, 2)],
            new DenseLatent(32),
            ConvT("Dec1", 32, 3, 2, outputPadding: 1),
            ConvT("Dec2", 1, 3, 2, outputPadding: 1).WithSkip("Enc1", filter: SkipFilter.HighPass));

        var plan = spec.Infer().Clean();

        Assert.Equal(Image(32, 14, 14), plan.Stage("Enc1").Output);
        Assert.Equal(Image(64, 7, 7), plan.Stage("Enc2").Output);
        Assert.Equal(Shape.Vector(32), plan.Latent!.Code);
        Assert.Equal(Image(64, 7, 7), plan.Latent.Output);
        Assert.Equal(Image(32, 14, 14), plan.Stage("Dec1").Output);
        Assert.Equal(Image(64, 14, 14), plan.Stage("Dec2").Input);
        Assert.Equal(Image(1, 28, 28), plan.Output);
        // Enc1 3x3 conv 1->32 (+bias), Enc2 32->64, latent 3136->32->3136, Dec1 64->32, Dec2 64->1.
        long expected = (32 * 9 + 32) + (64 * 32 * 9 + 64) + (3136 * 32 + 32 + 32 * 3136 + 3136) + (64 * 32 * 9 + 32) + (64 * 1 * 9 + 1);
        Assert.Equal(expected, plan.ParameterCount);
    }

    [Fact]
    public void FashionUNet_has_the_shapes_the_design_states()
    {
        var spec = Ae(Image(1, 28, 28),
            [Conv("enc1", 16), MaxPool("pool1", 2, indices: true), Conv("enc2", 32)],
            new ConvLatent(8),
            Conv("dec2", 16), Unpool("up1", "pool1"),
            Conv("dec1", 16).WithSkip("enc1", filter: SkipFilter.HighPass), Conv("out", 1, 1));

        var plan = spec.Infer().Clean();

        Assert.Equal(Image(16, 28, 28), plan.Stage("enc1").Output);
        Assert.Equal(Image(16, 14, 14), plan.Stage("pool1").Output);
        Assert.Equal(Image(32, 14, 14), plan.Stage("enc2").Output);
        Assert.Equal(Image(8, 14, 14), plan.Latent!.Output);
        Assert.Equal(Image(16, 14, 14), plan.Stage("dec2").Output);
        Assert.Equal(Image(16, 28, 28), plan.Stage("up1").Output);
        Assert.Equal(Image(32, 28, 28), plan.Stage("dec1").Input);
        Assert.Equal(Image(1, 28, 28), plan.Output);
    }
}
