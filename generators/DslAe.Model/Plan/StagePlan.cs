namespace DslAe.Model
{
    /// <summary>One stage after shape inference.</summary>
    /// <param name="Stage">The stage as declared.</param>
    /// <param name="Incoming">Shape arriving from the previous stage, before any skip merge.</param>
    /// <param name="Input">Shape the layer sees (after the skip merge).</param>
    /// <param name="Output">Shape the stage produces.</param>
    /// <param name="ParameterCount">Learned values (weights shared by a tie are counted at their owner only).</param>
    /// <param name="Layer">Lowered layer arguments.</param>
    public sealed record StagePlan(StageSpec Stage, Shape Incoming, Shape Input, Shape Output, long ParameterCount, LayerLowering Layer)
    {
        /// <summary>The stage's name.</summary>
        public string Name => Stage.Name;

        /// <summary>Lowered skip merge; null without a skip.</summary>
        public SkipLowering? Skip { get; init; }

        /// <summary>Lowered norm; null without one.</summary>
        public NormLowering? Norm { get; init; }

        /// <summary>Tied weight; null when the stage owns its weight.</summary>
        public TiedLowering? Tied { get; init; }
    }
}
