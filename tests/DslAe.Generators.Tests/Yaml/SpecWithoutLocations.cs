using DslAe.Model;

namespace DslAe.Generators.Tests.Yaml;

/// <summary>
/// A spec with every source location removed, so specs read from different files (a C# record and a YAML file)
/// compare equal exactly when they describe the same model. Records compare by value, so after stripping
/// <c>Assert.Equal</c> compares every member of every element. The front end is cleared too: it only chooses how
/// messages spell arguments.
/// </summary>
public static class SpecWithoutLocations
{
    public static ModelSpec Strip(ModelSpec spec) => Clear(spec) with
    {
        FrontEnd = FrontEnd.CSharp,
        Encoder = Stages(spec.Encoder),
        Latent = spec.Latent is null ? null : Clear(spec.Latent),
        Decoder = Stages(spec.Decoder),
        Corruption = spec.Corruption is null ? null : Clear(spec.Corruption),
        Target = Clear(spec.Target),
        FineTune = spec.FineTune is { } fineTune ? Clear(fineTune) : null,
        Losses = spec.Losses.Select(Loss).ToEquatableArray(),
        Training = Clear(spec.Training) with
        {
            Optimizer = Clear(spec.Training.Optimizer),
            Schedule = Clear(spec.Training.Schedule),
        },
    };

    private static EquatableArray<StageSpec> Stages(EquatableArray<StageSpec> stages) =>
        stages.Select(s => Clear(s) with { Skip = s.Skip is null ? null : Clear(s.Skip) }).ToEquatableArray();

    private static LossSpec Loss(LossSpec loss) => loss is AdversarialLoss adversarial
        ? Clear(adversarial) with { Discriminator = Clear(adversarial.Discriminator) with { Stages = Stages(adversarial.Discriminator.Stages) } }
        : Clear(loss);

    private static T Clear<T>(T element)
        where T : SpecElement => (T)((SpecElement)element with { Location = SourceLocation.None, ArgumentLocations = default });
}
