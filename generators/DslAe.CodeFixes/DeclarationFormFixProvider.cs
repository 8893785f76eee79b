using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslAe.CodeFixes
{
    /// <summary>
    /// Fixes for the C# front end's declaration-form rules, whose messages spell the declaration to write: DSLAE101
    /// ("write 'partial record Ae'") adds the <c>partial</c> modifier; DSLAE103 ("must be declared as 'public partial
    /// Stage Enc1 { get; }'") rewrites the stage property to that form, keeping its attributes.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclarationFormFixProvider)), Shared]
    public sealed class DeclarationFormFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(CSharpFrontEndRules.TypeNotPartial.Id, CSharpFrontEndRules.StagePropertyForm.Id);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (diagnostic.Id == CSharpFrontEndRules.TypeNotPartial.Id && node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } type)
                {
                    context.RegisterCodeFix(CodeAction.Create($"Make '{type.Identifier.ValueText}' partial",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(type, Partial(type)))), equivalenceKey: "DslAe.Partial"), diagnostic);
                }
                else if (diagnostic.Id == CSharpFrontEndRules.StagePropertyForm.Id && node.AncestorsAndSelf().OfType<PropertyDeclarationSyntax>().FirstOrDefault() is { } property)
                {
                    context.RegisterCodeFix(CodeAction.Create($"Declare '{property.Identifier.ValueText}' as 'public partial Stage {property.Identifier.ValueText} {{ get; }}'",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(property, StageForm(property)))), equivalenceKey: "DslAe.StageForm"), diagnostic);
                }
            }
        }

        /// <summary>The type with <c>partial</c> last among its modifiers, right before the keyword, where C# requires it.</summary>
        private static TypeDeclarationSyntax Partial(TypeDeclarationSyntax type)
        {
            var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            if (type.Modifiers.Count == 0)
            {
                // The keyword's leading trivia (indentation, comments) moves to the new first token.
                return type.WithKeyword(type.Keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(type.Keyword.LeadingTrivia)));
            }

            return type.WithModifiers(type.Modifiers.Add(partial));
        }

        /// <summary>The property as <c>[attributes] public partial Stage Name { get; }</c>.</summary>
        private static PropertyDeclarationSyntax StageForm(PropertyDeclarationSyntax property)
        {
            var written = SyntaxFactory.ParseMemberDeclaration("public partial Stage " + property.Identifier.ValueText + " { get; }") as PropertyDeclarationSyntax;
            return written!.WithAttributeLists(property.AttributeLists)
                .WithLeadingTrivia(property.GetLeadingTrivia())
                .WithTrailingTrivia(property.GetTrailingTrivia());
        }
    }
}
