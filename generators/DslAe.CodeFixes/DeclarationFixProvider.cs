using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslAe.CodeFixes
{
    /// <summary>
    /// Offers the fixes a DSLAE diagnostic proposes as code actions on the C# declaration: each edits one stage's
    /// attribute (sets, changes or removes arguments), exactly as the message says in words. The generator carries the
    /// fixes as data in the diagnostic's properties (<see cref="ProposedFix.PropertyKey"/>); this provider only writes
    /// them. Fix all applies each diagnostic's first (or second...) proposal across a document, project or solution.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(DeclarationFixProvider)), Shared]
    public sealed class DeclarationFixProvider : CodeFixProvider
    {
        /// <summary>The model rules: every one whose message may propose an edit (the others carry no fix and get no action).</summary>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = DiagnosticCatalogue.All.Select(r => r.Id).ToImmutableArray();

        /// <summary>Batch fixing: the proposals of one index never edit the same argument twice in one stage's attribute.</summary>
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
                var model = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
                if (model is null)
                {
                    continue;
                }

                for (var index = 0; diagnostic.Properties.TryGetValue(ProposedFix.PropertyKey(index), out var encoded); index++)
                {
                    if (ProposedFix.Decode(encoded) is not { } fix || StageEdit.Describe(fix) is not { } title || StageEdit.PropertyOf(model, fix.Stage) is null)
                    {
                        continue;
                    }

                    var document = context.Document;
                    var span = model.Span;
                    context.RegisterCodeFix(
                        CodeAction.Create(title, cancellation => Apply(document, span, fix, cancellation), equivalenceKey: ProposedFix.PropertyKey(index)),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> Apply(Document document, Microsoft.CodeAnalysis.Text.TextSpan modelSpan, ProposedFix fix, CancellationToken cancellation)
        {
            var root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
            var semantics = await document.GetSemanticModelAsync(cancellation).ConfigureAwait(false);
            if (root is null || semantics is null || root.FindNode(modelSpan) is not { } node
                || node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } model
                || StageEdit.PropertyOf(model, fix.Stage) is not { } property
                || StageEdit.StageAttributeOf(property, semantics, cancellation) is not { } attribute)
            {
                return document;
            }

            var constructor = semantics.GetSymbolInfo(attribute, cancellation).Symbol as IMethodSymbol;
            return document.WithSyntaxRoot(root.ReplaceNode(attribute, StageEdit.Apply(attribute, fix, constructor)));
        }
    }
}
