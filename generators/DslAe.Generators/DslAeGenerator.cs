using DslAe.Generators.CSharp;
using DslAe.Generators.Emit;
using DslAe.Generators.Reporting;
using DslAe.Generators.Yaml;
using System.Linq;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslAe.Generators
{
    /// <summary>
    /// The DslAe source generator. Pipeline: front end (parse into the IR) → <see cref="ModelCompiler"/> (shape
    /// inference, diagnostics as data) → emitters. Source outputs read only the compiled model and diagnostics
    /// travel on their own branch, so an unchanged model re-emits nothing. Two front ends feed the same compiler and
    /// emitters: attributed C# types and <c>*.dslae.yaml</c> / <c>*.dslae.yml</c> additional files; the registry
    /// lists the models of both.
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

            var yamlModels = context.AdditionalTextsProvider
                .Where(static file => YamlFrontEnd.IsDeclarationFile(file.Path))
                .Select(static (file, ct) => new YamlDeclaration(file.Path, YamlFrontEnd.Read(file.Path, file.GetText(ct), ct)))
                .WithTrackingName(YamlTrackingNames.YamlDeclarations)
                .Select(static (declaration, _) => new YamlCompiledModel(declaration.Path, ModelCompiler.Compile(declaration.Result)))
                .WithTrackingName(YamlTrackingNames.YamlModels);

            context.RegisterSourceOutput(
                yamlModels.Select(static (m, _) => m.Model.Diagnostics).WithTrackingName(YamlTrackingNames.YamlDiagnostics),
                static (spc, diagnostics) => DiagnosticReporter.Report(spc, diagnostics));

            context.RegisterSourceOutput(
                yamlModels.Select(static (m, _) => (m.Path, m.Model.Spec, m.Model.Plan, m.Model.CanEmit)).WithTrackingName(YamlTrackingNames.YamlModules),
                static (spc, model) => EmitYamlModel(spc, model.Path, model.Spec, model.Plan, model.CanEmit));

            var csharpTypes = csharpModels.Select(static (m, _) => m.DefinitionType).Where(static t => t is not null).Collect();
            var yamlTypes = yamlModels.Select(static (m, _) => m.Model.DefinitionType).Where(static t => t is not null).Collect();
            context.RegisterSourceOutput(
                csharpTypes.Combine(yamlTypes)
                    .Select(static (types, _) => types.Left.Concat(types.Right).ToEquatableArray()).WithTrackingName(TrackingNames.Registry),
                static (spc, types) =>
                {
                    if (!types.IsEmpty)
                    {
                        spc.AddSource("DslAe.Models.g.cs", RegistryEmitter.Emit(types.ToImmutableArray()!));
                    }
                });
        }

        private static void EmitYamlModel(SourceProductionContext context, string path, ModelSpec? spec, ModelPlan? plan, bool canEmit)
        {
            if (spec is null || plan is null || !canEmit)
            {
                return;
            }

            context.AddSource(HintNames.For(spec, path, "Module"), ModuleEmitter.Emit(plan));
            context.AddSource(HintNames.For(spec, path, "Declaration"), YamlDeclarationEmitter.Emit(spec, YamlFrontEnd.FileName(path)));
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
