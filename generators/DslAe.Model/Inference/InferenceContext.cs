using System.Collections.Generic;
using System.Linq;

namespace DslAe.Model
{
    /// <summary>
    /// What one inference run knows so far: the diagnostics, every stage's declaration and position
    /// in execution order, and the shapes of the stages planned so far. Shared by the rule classes.
    /// </summary>
    internal sealed class InferenceContext
    {
        private readonly List<DiagnosticInfo> _diagnostics = new();
        private readonly Dictionary<string, int> _positions = new();
        private readonly Dictionary<string, StageSpec> _stages = new();
        private readonly Dictionary<string, Shape> _outputs = new();
        private readonly Dictionary<string, StagePlan> _plans = new();
        private readonly List<string> _order = new();
        private readonly HashSet<string> _discriminatorStages = new();

        public InferenceContext(ModelSpec spec)
        {
            Spec = spec;
        }

        public ModelSpec Spec { get; }

        public IReadOnlyList<DiagnosticInfo> Diagnostics => _diagnostics;

        public int ErrorCount => _diagnostics.Count(d => d.Severity == Severity.Error);

        public void Report(DiagnosticRule rule, SourceLocation location, params object[] args) =>
            _diagnostics.Add(rule.CreateFor(Spec.FrontEnd, location, args));

        /// <summary><see cref="Report"/> of a message that proposes <paramref name="fixes"/> (null entries: none there).</summary>
        public void ReportFixable(DiagnosticRule rule, SourceLocation location, ProposedFix?[] fixes, params object[] args) =>
            _diagnostics.Add(rule.CreateFor(Spec.FrontEnd, location, args) with { Fixes = fixes.Where(f => f is not null).Select(f => f!).ToArray() });

        /// <summary>Registers a name at the next position; false when it is already taken.</summary>
        public bool Declare(string? name, StageSpec? stage)
        {
            name = Key(name);
            if (_positions.ContainsKey(name))
            {
                return false;
            }

            _positions[name] = _order.Count;
            _order.Add(name);
            if (stage is not null)
            {
                _stages[name] = stage;
            }

            return true;
        }

        /// <summary>Marks a declared stage as part of a discriminator (its skips stay inside it).</summary>
        public void MarkDiscriminatorStage(string? name) => _discriminatorStages.Add(Key(name));

        public bool IsDiscriminatorStage(string? name) => _discriminatorStages.Contains(Key(name));

        /// <summary>A declared name equal to <paramref name="name"/> but for case, for "did you mean" hints.</summary>
        public string? SimilarName(string? name) =>
            _order.FirstOrDefault(n => n != Key(name) && string.Equals(n, name, System.StringComparison.OrdinalIgnoreCase));

        public int? PositionOf(string? name) => _positions.TryGetValue(Key(name), out var position) ? position : null;

        public StageSpec? StageNamed(string? name) => _stages.TryGetValue(Key(name), out var stage) ? stage : null;

        public bool IsEncoderStage(string? name) => Spec.Encoder.Any(s => s.Name == Key(name));

        /// <summary>Names declared before <paramref name="name"/>, for "stages before X are ..." hints.</summary>
        public string NamesBefore(string? name)
        {
            var position = PositionOf(name) ?? _order.Count;
            var names = _order.Take(position).ToList();
            return names.Count == 0 ? "(none)" : string.Join(", ", names);
        }

        public void RecordOutput(string? name, Shape shape) => _outputs[Key(name)] = shape;

        public Shape? OutputOf(string? name) => _outputs.TryGetValue(Key(name), out var shape) ? shape : null;

        public void RecordPlan(StagePlan plan)
        {
            _plans[Key(plan.Name)] = plan;
            _outputs[Key(plan.Name)] = plan.Output;
        }

        public StagePlan? PlanOf(string? name) => _plans.TryGetValue(Key(name), out var plan) ? plan : null;
    

        /// <summary>A missing name (null from a front end that already reported it) is the empty name.</summary>
        private static string Key(string? name) => name ?? string.Empty;
    }
}
