namespace DslAe.Model
{
    /// <summary>A discriminator after shape inference.</summary>
    /// <param name="Stages">Its stages.</param>
    /// <param name="Output">Its last stage's output (before minibatch features).</param>
    /// <param name="MinibatchInFeatures">Features entering the minibatch layer (0 without one); its tensor T is In x B x C and the final linear reads In + B.</param>
    /// <param name="ParameterCount">Learned values, minibatch tensor and final linear included.</param>
    public sealed record DiscriminatorPlan(EquatableArray<StagePlan> Stages, Shape Output, int MinibatchInFeatures, long ParameterCount);
}
