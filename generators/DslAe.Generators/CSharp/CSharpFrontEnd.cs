using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslAe.Generators.CSharp
{
    /// <summary>
    /// The C# front end's parser: reads one <c>[Autoencoder]</c> type into a <see cref="ModelSpec"/> plus the
    /// partial type to complete. It checks only how things are written (partial, one attribute per stage,
    /// conflicting arguments); every shape rule belongs to <see cref="ShapeInference"/>.
    /// </summary>
    internal static class CSharpFrontEnd
    {
        public const string AutoencoderAttribute = "DslAe.AutoencoderAttribute";
        private const string StageAttributeBase = "DslAe.StageAttribute";
        private const string LatentAttribute = "DslAe.LatentAttribute";
        private const string DiscriminatorAttribute = "DslAe.DiscriminatorAttribute";
        private const string StageType = "DslAe.Stage";

        public static FrontEndResult Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var diagnostics = new List<DiagnosticInfo>();
            try
            {
                return ReadType(type, context.Attributes[0], diagnostics, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                // The generator never throws: an exception would drop every output with a mere warning.
                diagnostics.Add(CSharpFrontEndRules.GeneratorFailure.Create(
                    Locations.Of(context.TargetNode is TypeDeclarationSyntax t ? t.Identifier : default), type.Name, e.GetType().Name + ": " + e.Message));
                return new FrontEndResult(null, null, diagnostics.ToEquatableArray());
            }
        }

        private static FrontEndResult ReadType(INamedTypeSymbol type, AttributeData autoencoder, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var declaration = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<TypeDeclarationSyntax>().First();
            var nameLocation = Locations.Of(declaration.Identifier);
            var keyword = KeywordOf(declaration);

            // A declaration part for a generic or non-partial type would not compile (CS0260, CS0101): then none is written.
            var completable = true;
            if (type.TypeParameters.Length > 0)
            {
                diagnostics.Add(CSharpFrontEndRules.GenericType.Create(nameLocation, type.Name));
                completable = false;
            }

            var containing = new List<string>();
            for (var outer = type; outer is not null; outer = outer.ContainingType)
            {
                var syntax = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<TypeDeclarationSyntax>().FirstOrDefault();
                if (syntax is not null && !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Add(CSharpFrontEndRules.TypeNotPartial.Create(Locations.Of(syntax.Identifier), outer.Name, KeywordOf(syntax)));
                    completable = false;
                }

                if (!SymbolEqualityComparer.Default.Equals(outer, type) && syntax is not null)
                {
                    // A generic container keeps its type parameters, or the completion would declare a new non-generic type.
                    containing.Insert(0, "partial " + KeywordOf(syntax) + " " + outer.Name + TypeParameters(outer));
                }
            }

            var header = AttributeArguments.Read(autoencoder, ct);
            var input = ReadInput(type.Name, header, diagnostics);

            var encoder = new List<StageSpec>();
            var decoder = new List<StageSpec>();
            var discriminator = new List<StageSpec>();
            SourceLocation? firstDiscriminatorMark = null;
            var stageProperties = new List<StageProperty>();
            LatentSpec? latent = null;
            foreach (var property in StagePropertiesInOrder(type, ct))
            {
                ct.ThrowIfCancellationRequested();
                var stageAttributes = property.GetAttributes().Where(a => IsStageAttribute(a.AttributeClass)).ToList();
                var latentAttribute = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == LatentAttribute);
                if (stageAttributes.Count == 0 && latentAttribute is null)
                {
                    continue;
                }

                var propertySyntax = property.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<PropertyDeclarationSyntax>().First();
                var propertyLocation = Locations.Of(propertySyntax.Identifier);
                if (CheckStageProperty(property, propertySyntax, propertyLocation, diagnostics))
                {
                    stageProperties.Add(new StageProperty(property.Name, AccessibilityText(property.DeclaredAccessibility), property.IsStatic));
                }

                var written = stageAttributes.Count + (latentAttribute is null ? 0 : 1);
                if (written > 1)
                {
                    var names = string.Join(", ", stageAttributes.Concat(latentAttribute is null ? Array.Empty<AttributeData>() : new[] { latentAttribute })
                        .Select(a => a.AttributeClass!.Name.Replace("Attribute", string.Empty)));
                    diagnostics.Add(CSharpFrontEndRules.SeveralStageAttributes.Create(propertyLocation, property.Name, written, names));
                    continue;
                }

                if (latentAttribute is not null)
                {
                    var arguments = AttributeArguments.Read(latentAttribute, ct);
                    if (arguments is null)
                    {
                        continue;
                    }

                    if (latent is not null)
                    {
                        diagnostics.Add(CSharpFrontEndRules.SecondLatent.Create(arguments.Location, property.Name, latent.Name));
                        continue;
                    }

                    latent = StageReader.ReadLatent(property.Name, arguments, diagnostics);
                    continue;
                }

                var stageArguments = AttributeArguments.Read(stageAttributes[0], ct);
                if (stageArguments is null)
                {
                    continue;
                }

                var stage = StageReader.ReadStage(property.Name, stageArguments, diagnostics);
                var mark = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == DiscriminatorAttribute);
                if (mark is not null)
                {
                    // The adversarial loss's own network: its stages, in declaration order, wherever they stand.
                    firstDiscriminatorMark ??= Locations.Of(mark.ApplicationSyntaxReference?.GetSyntax(ct));
                    if (stage is not null)
                    {
                        discriminator.Add(stage);
                    }
                }
                else if (stage is not null)
                {
                    (latent is null ? encoder : decoder).Add(stage);
                }
            }

            // Without a latent every stage was read as encoder; the IR's encoder-only model is then the whole path.
            var modelAttributes = type.GetAttributes();
            var spec = new ModelSpec(type.Name, type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString())
            {
                Location = nameLocation,
                ArgumentLocations = header?.ArgumentLocations(Rename.Model) ?? default,
                Input = input,
                Encoder = encoder.ToEquatableArray(),
                Latent = latent,
                Decoder = decoder.ToEquatableArray(),
                Corruption = ModelReader.ReadCorruption(modelAttributes, diagnostics, ct),
                Target = ModelReader.ReadTarget(modelAttributes, diagnostics, ct),
                FineTune = ModelReader.ReadFineTune(modelAttributes, ct),
                Losses = ModelReader.ReadLosses(modelAttributes, discriminator, diagnostics, ct),
                Training = ModelReader.ReadTraining(modelAttributes, diagnostics, ct),
            };

            // An adversarial loss fails to read only without marked stages, so marks without one mean it is missing.
            if (firstDiscriminatorMark is { } marked && !spec.Losses.Any(l => l is AdversarialLoss))
            {
                diagnostics.Add(CSharpFrontEndRules.MissingArgument.Create(marked, "A [Discriminator] stage", "an adversarial loss",
                    "add [Loss(LossKind.Adversarial)] to the model, or remove [Discriminator]"));
            }

            var target = completable ? new DeclarationTarget(spec.Namespace, containing.ToEquatableArray(), keyword, type.Name, stageProperties.ToEquatableArray()) : null;
            return new FrontEndResult(spec, target, diagnostics.ToEquatableArray());
        }

        private static Shape? ReadInput(string typeName, AttributeArguments? header, List<DiagnosticInfo> diagnostics)
        {
            var values = header?.IntArray("Shape");
            if (header is null)
            {
                return null;
            }

            if (values is null || values.Length != 3)
            {
                diagnostics.Add(CSharpFrontEndRules.InputShapeForm.Create(header.LocationOf("Shape"), typeName,
                    values is null ? "no values" : values.Length + (values.Length == 1 ? " value" : " values")));
                return null;
            }

            // Non-positive sizes are a shape rule (DSLAE004 in the model catalogue), reported by inference.
            return new Shape(values[0], values[1], values[2]);
        }

        /// <summary>Properties that carry attributes, in the order they are written (by file, then position).</summary>
        private static IEnumerable<IPropertySymbol> StagePropertiesInOrder(INamedTypeSymbol type, CancellationToken ct) =>
            type.GetMembers().OfType<IPropertySymbol>()
                .Where(p => p.DeclaringSyntaxReferences.Length > 0 && p.GetAttributes().Length > 0)
                .Select(p => (Property: p, Reference: p.DeclaringSyntaxReferences[0]))
                .OrderBy(p => p.Reference.SyntaxTree.FilePath, StringComparer.Ordinal)
                .ThenBy(p => p.Reference.Span.Start)
                .Select(p => p.Property);

        private static bool CheckStageProperty(IPropertySymbol property, PropertyDeclarationSyntax syntax, SourceLocation location, List<DiagnosticInfo> diagnostics)
        {
            string? problem = null;
            if (property.Type.ToDisplayString() != StageType)
            {
                problem = "its type is " + property.Type.ToDisplayString() + ", not DslAe.Stage";
            }
            else if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                problem = "it is not partial";
            }
            else if (property.SetMethod is not null)
            {
                problem = "it has a setter; stages are read-only";
            }

            if (problem is null)
            {
                return true;
            }

            diagnostics.Add(CSharpFrontEndRules.StagePropertyForm.Create(location, property.Name, problem));
            return false;
        }

        private static bool IsStageAttribute(INamedTypeSymbol? attribute)
        {
            for (var t = attribute?.BaseType; t is not null; t = t.BaseType)
            {
                if (t.ToDisplayString() == StageAttributeBase)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"&lt;TKey, TValue&gt;" (with variance, without attributes, which one part declares), or "" for a non-generic type.</summary>
        private static string TypeParameters(INamedTypeSymbol type) => type.TypeParameters.Length == 0
            ? string.Empty
            : "<" + string.Join(", ", type.TypeParameters.Select(p => p.Variance switch
            {
                VarianceKind.In => "in ",
                VarianceKind.Out => "out ",
                _ => string.Empty,
            } + p.Name)) + ">";

        private static string KeywordOf(TypeDeclarationSyntax syntax) => syntax switch
        {
            RecordDeclarationSyntax r when r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
            RecordDeclarationSyntax => "record",
            StructDeclarationSyntax => "struct",
            InterfaceDeclarationSyntax => "interface",
            _ => "class",
        };

        private static string AccessibilityText(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };
    }
}
