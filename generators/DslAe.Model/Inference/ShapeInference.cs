namespace DslAe.Model
{
    /// <summary>
    /// The single home of shape rules: checks a <see cref="ModelSpec"/> and lowers it for the emitter.
    /// Pure, deterministic, never throws on any input (every problem becomes a diagnostic). Rules and
    /// their libtorch arithmetic are described in docs/shapes.md.
    /// </summary>
    public static class ShapeInference
    {
        /// <summary>Infers every shape of <paramref name="spec"/>, lowers every stage and collects the diagnostics.</summary>
        public static ModelPlan Infer(ModelSpec spec) => new ModelInference(spec).Run();
    }
}
