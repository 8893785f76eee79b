namespace DslAe.Model
{
    /// <summary>Which sequence a stage belongs to; ties and the bottleneck warning depend on it.</summary>
    internal enum StageScope
    {
        Encoder,
        Decoder,
        Discriminator,
    }
}
