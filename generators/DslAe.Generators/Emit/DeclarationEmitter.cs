using System.Collections.Generic;
using System.Linq;
using DslAe.Generators.CSharp;
using DslAe.Model;

namespace DslAe.Generators.Emit
{
    /// <summary>
    /// Completes the user's partial C# declaration: each stage property returns the stage's inferred shape, and
    /// the type gains <c>Definition</c> and <c>CreateModule()</c> when the module is generated too. Written even when
    /// the model has errors (with the shapes left empty), so the user sees the DSLAE error and not a cascade of
    /// "partial property has no body"; then nothing in it refers to a type that is not generated.
    /// </summary>
    internal static class DeclarationEmitter
    {
        /// <param name="target">The user's type.</param>
        /// <param name="spec">Its model.</param>
        /// <param name="plan">Inferred shapes, where inference ran.</param>
        /// <param name="moduleEmitted">Whether {Name}Module and {Name}Definition are generated beside it.</param>
        public static string Emit(DeclarationTarget target, ModelSpec spec, ModelPlan? plan, bool moduleEmitted)
        {
            var w = new SourceWriter();
            ModuleEmitter.Header(w, spec);
            var closers = new List<System.IDisposable>();
            foreach (var outer in target.ContainingTypes)
            {
                closers.Add(w.Block(outer));
            }

            using (w.Block("partial " + target.Keyword + " " + target.TypeName))
            {
                var written = new HashSet<string>();
                foreach (var property in target.StageProperties)
                {
                    // Two properties of one name are the user's CS0102 already: one implementation, not a second error.
                    if (!written.Add(property.Name))
                    {
                        continue;
                    }

                    var stage = plan?.FindStage(property.Name);
                    var latent = plan?.Latent is { } l && l.Name == property.Name ? l : null;
                    var kind = stage?.Stage.Layer.KindName ?? (latent is null ? "Unknown" : "Latent " + latent.Latent.KindName);
                    var shape = stage?.Output ?? latent?.Code;
                    var parameters = stage?.ParameterCount ?? latent?.ParameterCount ?? 0;
                    var shapeText = shape is { } s ? Code.IntArray(s) : "[]";
                    w.Line("/// <summary>" + property.Name + ": " + kind + (shape is { } known ? ", output " + known : ", shape unknown (see the DSLAE errors)") + ".</summary>");
                    w.Line(property.Accessibility + (property.IsStatic ? " static" : string.Empty) + " partial global::DslAe.Stage " + Code.Member(property.Name) +
                        " => new(" + Code.String(property.Name) + ", " + Code.String(kind) + ", " + shapeText + ", " + Code.Int(parameters) + ");");
                    w.Line();
                }

                if (moduleEmitted)
                {
                    w.Line("/// <summary>What the compiler knows of this model: summary, training settings, module factory.</summary>");
                    w.Line("public static " + spec.Name + "Definition Definition => " + spec.Name + "Definition.Instance;");
                    w.Line();
                    w.Line("/// <summary>A new module of this model with freshly initialised parameters, on the CPU.</summary>");
                    w.Line("public static " + spec.Name + "Module CreateModule() => new();");
                }
            }

            for (var i = closers.Count - 1; i >= 0; i--)
            {
                closers[i].Dispose();
            }

            return w.ToString();
        }
    }
}
