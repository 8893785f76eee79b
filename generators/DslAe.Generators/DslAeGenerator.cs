using DslAe.Generators.CSharp;
using DslAe.Generators.Emit;
using DslAe.Generators.Reporting;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslAe.Generators
{
    /// <summary>
    /// The DslAe source generator. Pipeline: front end (parse into the IR) → <see cref="ModelCompiler"/> (shape
    /// inference, diagnostics as data) → emitters. Source outputs read only the compiled model and diagnostics
    /// travel on their own branch, so an unchanged model re-emits nothing.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class DslAeGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var csharpModels = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    CSharpFrontEnd.AutoencoderAttribute,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (ctx, ct) => CSharpFrontEnd.Read(ctx, ct))
                .WithTrackingName(TrackingNames.CSharpDeclarations)
                .Select(static (result, _) => ModelCompiler.Compile(result))
                .WithTrackingName(TrackingNames.CSharpModels);

            context.RegisterSourceOutput(
                csharpModels.Select(static (m, _) => m.Diagnostics).WithTrackingName(TrackingNames.Diagnostics),
                static (spc, diagnostics) => DiagnosticReporter.Report(spc, diagnostics));

            context.RegisterSourceOutput(
                csharpModels.Select(static (m, _) => (m.Spec, m.Plan, m.Target, m.CanEmit)).WithTrackingName(TrackingNames.Modules),
                static (spc, model) => EmitModel(spc, model.Spec, model.Plan, model.Target, model.CanEmit));

            context.RegisterSourceOutput(
                csharpModels.Select(static (m, _) => m.DefinitionType).Where(static t => t is not null).Collect()
                    .Select(static (types, _) => types.ToEquatableArray()).WithTrackingName(TrackingNames.Registry),
                static (spc, types) =>
                {
                    if (!types.IsEmpty)
                    {
                        spc.AddSource("DslAe.Models.g.cs", RegistryEmitter.Emit(types.ToImmutableArray()!));
                    }
                });
        }

        private static void EmitModel(SourceProductionContext context, ModelSpec? spec, ModelPlan? plan, DeclarationTarget? target, bool canEmit)
        {
            if (spec is null)
            {
                return;
            }

            var hint = (spec.Namespace is null ? string.Empty : spec.Namespace + ".") + spec.Name;
            if (target is not null)
            {
                context.AddSource(hint + ".Declaration.g.cs", DeclarationEmitter.Emit(target, spec, plan));
            }

            if (canEmit && plan is not null)
            {
                context.AddSource(hint + ".Module.g.cs", ModuleEmitter.Emit(plan));
            }
        }
    }
}
