namespace DslAe.Model
{
    /// <summary>DSLAE032: a declared memory budget against what a training step at the declared batch needs (<see cref="CostModel"/>).</summary>
    internal sealed class BudgetRules
    {
        private readonly InferenceContext _context;

        public BudgetRules(InferenceContext context)
        {
            _context = context;
        }

        /// <summary>Checks a plan without errors (a plan with errors has no complete cost).</summary>
        public void Check(ModelPlan plan)
        {
            var training = plan.Spec.Training;
            if (training.MemoryBudget is not { } written || !ByteSize.TryParse(written, out var budget) || training.BatchSize < 1)
            {
                return;
            }

            var cost = CostModel.Of(plan);
            var fixedBytes = ModelCost.FixedTrainingBytes(plan.ParameterCount, training.Optimizer);
            var needed = cost.TrainingBytes(plan.ParameterCount, training.Optimizer, training.BatchSize);
            if (needed <= budget || cost.StepBytes <= 0)
            {
                return;
            }

            var largest = budget > fixedBytes ? (budget - fixedBytes) / cost.StepBytes : 0;
            var fix = largest >= 1
                ? Describe.Format("the largest batch that fits is {0}: set {1}", largest, ArgumentSpelling.Set(ArgumentNames.BatchSize, largest))
                : "not even a batch of 1 fits: raise the budget or make the model smaller";
            _context.Report(DiagnosticCatalogue.OverMemoryBudget, training.LocationOf(ArgumentNames.MemoryBudget), "Training", training.BatchSize,
                ByteSize.Format(needed), ByteSize.Format(cost.StepBytes), ByteSize.Format(fixedBytes), ByteSize.Format(budget), fix);
        }
    }
}
