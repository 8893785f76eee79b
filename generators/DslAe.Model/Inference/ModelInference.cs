using System;

namespace DslAe.Model
{
    /// <summary>One run of shape inference over one model (state: the shapes found so far, the diagnostics).</summary>
    internal sealed class ModelInference
    {
        private readonly ModelSpec _spec;

        public ModelInference(ModelSpec spec)
        {
            _spec = spec;
        }

        public ModelPlan Run() => throw new NotImplementedException("Shape rules land in the next commit; the API above is stable.");
    }
}
