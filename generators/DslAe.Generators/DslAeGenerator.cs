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
            var docs = context.AnalyzerConfigOptionsProvider.Select(static (options, _) => DocsLink.Read(options));

            var csharpModels = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    CSharpFrontEnd.AutoencoderAttribute,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (ctx, ct) => CSharpFrontEnd.Read(ctx, ct))
                .WithTrackingName(TrackingNames.CSharpDeclarations)
                .Select(static (result, _) => ModelCompiler.Compile(result))
                .WithTrackingName(TrackingNames.CSharpModels);

            // C# diagnostics are located in the compilation's syntax trees, so #pragma and .editorconfig suppress them. The
            // compilation joins only here, at reporting: the model branch above stays cached on unrelated edits, and
            // what reruns on each edit is a lookup of the few diagnostics' trees.
            context.RegisterSourceOutput(
                csharpModels.Select(static (m, _) => m.Diagnostics).WithTrackingName(TrackingNames.Diagnostics).Combine(docs).Combine(context.CompilationProvider),
                static (spc, pair) => DiagnosticReporter.Report(spc, pair.Left.Left, pair.Left.Right, pair.Left.Left.IsEmpty ? null : pair.Right));

            var yamlModels = context.AdditionalTextsProvider
                .Where(static file => YamlFrontEnd.IsDeclarationFile(file.Path))
                .Select(static (file, ct) => new YamlDeclaration(file.Path, YamlFrontEnd.Read(file.Path, file.GetText(ct), ct)))
                .WithTrackingName(YamlTrackingNames.YamlDeclarations)
                .Select(static (declaration, _) => new YamlCompiledModel(declaration.Path, ModelCompiler.Compile(declaration.Result)))
                .WithTrackingName(YamlTrackingNames.YamlModels);

            context.RegisterSourceOutput(
                yamlModels.Select(static (m, _) => m.Model.Diagnostics).WithTrackingName(YamlTrackingNames.YamlDiagnostics).Combine(docs),
                static (spc, pair) => DiagnosticReporter.Report(spc, pair.Left, pair.Right));

            // Two models of one full name would generate the same types: found across both front ends, reported once,
            // and neither is generated. Emission reads only the clashing names, so edits that keep every name keep it cached.
            var duplicates = csharpModels.Select(static (m, _) => m.Identity).Collect()
                .Combine(yamlModels.Select(static (m, _) => m.Model.Identity).Collect())
                .Select(static (pair, _) => DuplicateModels.Find(pair.Left.Concat(pair.Right)))
                .WithTrackingName(TrackingNames.DuplicateModels);
            var duplicateNames = duplicates.Select(static (d, _) => d.FullNames);

            context.RegisterSourceOutput(
                duplicates.Select(static (d, _) => d.Diagnostics).Combine(docs),
                static (spc, pair) => DiagnosticReporter.Report(spc, pair.Left, pair.Right));

            context.RegisterSourceOutput(
                csharpModels.Select(static (m, _) => (m.Spec, m.Plan, m.Target, m.CanEmit, Name: m.Identity?.FullName)).Combine(duplicateNames)
                    .WithTrackingName(TrackingNames.Modules),
                static (spc, pair) => EmitModel(spc, pair.Left.Spec, pair.Left.Plan, pair.Left.Target, pair.Left.CanEmit && !pair.Right.Contains(pair.Left.Name!)));

            context.RegisterSourceOutput(
                yamlModels.Select(static (m, _) => (m.Path, m.Model.Spec, m.Model.Plan, m.Model.CanEmit, Name: m.Model.Identity?.FullName)).Combine(duplicateNames)
                    .WithTrackingName(YamlTrackingNames.YamlModules),
                static (spc, pair) => EmitYamlModel(spc, pair.Left.Path, pair.Left.Spec, pair.Left.Plan, pair.Left.CanEmit && !pair.Right.Contains(pair.Left.Name!)));

            // A perceptual or style loss may name another model as its network: checked once all models are known.
            // Only the few facts each model gives are compared, so edits that keep them keep this step cached.
            var featureNetworks = csharpModels.Select(static (m, _) => FeatureNetworkFacts.Of(m)).Collect()
                .Combine(yamlModels.Select(static (m, _) => FeatureNetworkFacts.Of(m.Model)).Collect())
                .Select(static (pair, _) => FeatureNetworkCheck.Find(pair.Left.Concat(pair.Right)))
                .WithTrackingName(TrackingNames.FeatureNetworks);
            context.RegisterSourceOutput(featureNetworks.Combine(docs), static (spc, pair) => DiagnosticReporter.Report(spc, pair.Left, pair.Right));

            var csharpTypes = csharpModels.Select(static (m, _) => m.DefinitionType).Where(static t => t is not null).Collect();
            var yamlTypes = yamlModels.Select(static (m, _) => m.Model.DefinitionType).Where(static t => t is not null).Collect();
            context.RegisterSourceOutput(
                csharpTypes.Combine(yamlTypes).Combine(duplicates)
                    .Select(static (types, _) => types.Left.Left.Concat(types.Left.Right)
                        .Where(t => !types.Right.FullNames.Any(n => t == "global::" + n + "Definition")).ToEquatableArray())
                    .WithTrackingName(TrackingNames.Registry),
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

            context.AddSource(HintNames.ForYaml(spec, path, "Module"), ModuleEmitter.Emit(plan));
            context.AddSource(HintNames.ForYaml(spec, path, "Declaration"), YamlDeclarationEmitter.Emit(spec, YamlFrontEnd.FileName(path)));
        }

        private static void EmitModel(SourceProductionContext context, ModelSpec? spec, ModelPlan? plan, DeclarationTarget? target, bool canEmit)
        {
            if (spec is null)
            {
                return;
            }

            if (target is not null)
            {
                context.AddSource(HintNames.ForCSharp(spec, target, "Declaration"), DeclarationEmitter.Emit(target, spec, plan, canEmit && plan is not null));
            }

            if (canEmit && plan is not null)
            {
                context.AddSource(HintNames.ForCSharp(spec, target, "Module"), ModuleEmitter.Emit(plan));
            }
        }
    }
}
