using System.Collections.Immutable;
using DslAe.CodeFixes;
using DslAe.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DslAe.Generators.Tests.CodeFixes;

/// <summary>
/// An IDE's view of one declaration file: a Roslyn workspace document, the generator's diagnostics on it (located in
/// the document's own syntax tree, as in the IDE) and the code actions <see cref="DeclarationFixProvider"/> offers.
/// </summary>
internal static class Workspace
{
    public static Document Open(string source, string path = "Cases/Ae.cs")
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Create(), "Models", "Models", LanguageNames.CSharp,
                compilationOptions: Generate.CompilationOptions, parseOptions: Generate.ParseOptions, metadataReferences: References.Framework))
            .AddDocument(documentId, Path.GetFileName(path), source, filePath: path);
        return solution.GetDocument(documentId)!;
    }

    /// <summary>The generator's run over the document's project.</summary>
    public static GeneratorOutcome Build(Document document) =>
        Generate.Run(document.Project.GetCompilationAsync().GetAwaiter().GetResult()!);

    /// <summary>The code actions <paramref name="provider"/> (default: <see cref="DeclarationFixProvider"/>) offers for <paramref name="diagnostic"/>, in the order of its proposals.</summary>
    public static IReadOnlyList<CodeAction> Actions(Document document, Diagnostic diagnostic, CodeFixProvider? provider = null)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        (provider ?? new DeclarationFixProvider()).RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
        return actions;
    }

    /// <summary>The document after <paramref name="action"/>, as the IDE applies it (formatting included).</summary>
    public static Document Apply(Document document, CodeAction action)
    {
        var operations = action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var change = Assert.Single(operations.OfType<ApplyChangesOperation>());
        return change.ChangedSolution.GetDocument(document.Id)!;
    }

    public static string Text(Document document) => document.GetTextAsync().GetAwaiter().GetResult().ToString();

    /// <summary>The whole document's fix-all of <paramref name="equivalenceKey"/> for <paramref name="id"/>.</summary>
    public static Document FixAll(Document document, string id, string equivalenceKey)
    {
        var provider = new DeclarationFixProvider();
        var diagnostics = Build(document).Diagnostics.Where(d => d.Id == id).ToImmutableArray();
        var context = new FixAllContext(document, provider, FixAllScope.Document, equivalenceKey, [id], new Diagnostics(diagnostics), CancellationToken.None);
        var action = provider.GetFixAllProvider().GetFixAsync(context).GetAwaiter().GetResult()!;
        return Apply(document, action);
    }

    private sealed class Diagnostics(ImmutableArray<Diagnostic> all) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(all.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(all);
    }
}
