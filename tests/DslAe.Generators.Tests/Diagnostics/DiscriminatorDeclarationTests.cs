using DslAe.Generators.Tests.Infrastructure;
using DslAe.Generators.Tests.Yaml;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>C#'s discriminator: the stages marked [Discriminator], and the adversarial loss that needs them.</summary>
public sealed class DiscriminatorDeclarationTests
{
    private static string Model(string loss, string marked) => $$"""
        using DslAe;
        [Autoencoder(1, 28, 28)]
        [Loss(LossKind.Mse){{loss}}]
        public partial record Gan
        {
            [Conv(8, Stride = 2)] public partial Stage Enc1 { get; }
            [Latent(16)] public partial Stage Code { get; }
            [ConvT(1, Stride = 2)] public partial Stage Dec1 { get; }
            {{marked}}
        }
        """;

    [Fact]
    public void Marked_stages_leave_the_decoder_and_form_the_discriminator_in_declaration_order()
    {
        var outcome = Generate.Run(("Gan.cs", Model(", Loss(LossKind.Adversarial, Minibatch = true)",
            "[Conv(4, Stride = 2), Discriminator] public partial Stage D1 { get; }\n[Flatten, Discriminator] public partial Stage DFlat { get; }\n[Dense(1), Discriminator] public partial Stage DOut { get; }")));

        var spec = Assert.Single(outcome.CSharpModels()).Spec!;
        Assert.Equal(["Dec1"], spec.Decoder.Select(s => s.Name));
        var adversarial = Assert.IsType<DslAe.Model.AdversarialLoss>(spec.Losses[1]);
        Assert.Equal(["D1", "DFlat", "DOut"], adversarial.Discriminator.Stages.Select(s => s.Name));
        Assert.True(adversarial.Discriminator.MinibatchDiscrimination);
        Assert.Equal(["DSLAE301"], outcome.Diagnostics.Select(d => d.Id));
    }

    [Theory]
    [InlineData(", Loss(LossKind.Adversarial)", "", "Loss Adversarial needs a discriminator; mark its stages with [Discriminator] (they run in declaration order on an image of the output's shape and end in one logit)")]
    [InlineData("", "[Dense(1), Discriminator] public partial Stage DOut { get; }", "A [Discriminator] stage needs an adversarial loss; add [Loss(LossKind.Adversarial)] to the model, or remove [Discriminator]")]
    public void A_loss_without_marked_stages_or_marks_without_the_loss_are_refused(string loss, string marked, string message)
    {
        var outcome = Generate.Run(("Gan.cs", Model(loss, marked)));

        var diagnostic = Assert.Single(outcome.Diagnostics, d => d.Id == "DSLAE109");
        Assert.Equal(message, diagnostic.GetMessage());
    }
}
