using DslAe.Generators.Tests.Infrastructure;
using DslAe.Model;
using Microsoft.CodeAnalysis;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>Every catalogue rule, triggered from a C# declaration, lands at the marked text with its exact message.</summary>
public sealed class DiagnosticTests
{
    private static readonly IReadOnlyList<DiagnosticRule> Catalogues =
        [.. DiagnosticCatalogue.All, .. CSharpFrontEndRules.All, .. EmitterRules.All];

    public static TheoryData<string> Ids => new(DiagnosticCases.All.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Declaration_reports_the_rule_at_the_marked_text(string id)
    {
        var @case = DiagnosticCases.All.Single(c => c.Id == id);
        var source = MarkedSource.Parse(@case.MarkedSource);

        var outcome = Generate.Run((DiagnosticCase.FilePath, source.Text));

        Assert.All(outcome.RunResult.Results, r => Assert.Null(r.Exception));
        var matching = outcome.Diagnostics.Where(d => d.Id == id).ToList();
        var diagnostic = Assert.Single(matching);
        var where = diagnostic.Location.GetLineSpan();
        Assert.Equal(@case.Severity, diagnostic.Severity);
        Assert.Equal(DiagnosticCase.FilePath, where.Path);
        Assert.Equal(source.LineSpan.Start, where.StartLinePosition);
        Assert.Equal(source.LineSpan.End, where.EndLinePosition);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Equal(@case.Message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_catalogue_rule_has_a_case_and_every_case_a_rule()
    {
        var ruleIds = Catalogues.Select(r => r.Id).ToHashSet();
        var caseIds = DiagnosticCases.All.Select(c => c.Id).ToList();

        var untested = ruleIds.Except(caseIds).Order().ToList();
        Assert.True(untested.Count == 0, "Rules without a C# case in DiagnosticCases: " + string.Join(", ", untested));
        Assert.Empty(caseIds.Except(ruleIds));
        Assert.Equal(caseIds.Count, caseIds.Distinct().Count());
    }

    [Fact]
    public void Case_severities_are_the_catalogue_severities()
    {
        foreach (var @case in DiagnosticCases.All)
        {
            var rule = Catalogues.Single(r => r.Id == @case.Id);
            var expected = rule.Severity switch
            {
                Severity.Error => DiagnosticSeverity.Error,
                Severity.Warning => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Info,
            };
            Assert.True(expected == @case.Severity, @case.Id + " is a " + rule.Severity + " in its catalogue");
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Reported_descriptor_carries_the_catalogue_title_and_help_link(string id)
    {
        var @case = DiagnosticCases.All.Single(c => c.Id == id);
        var rule = Catalogues.Single(r => r.Id == id);

        var outcome = Generate.Run((DiagnosticCase.FilePath, MarkedSource.Parse(@case.MarkedSource).Text));

        var descriptor = outcome.Diagnostics.First(d => d.Id == id).Descriptor;
        Assert.Equal(rule.Title, descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(rule.HelpLink, descriptor.HelpLinkUri);
        Assert.Equal(DiagnosticCatalogues.Find(id)!.Category, descriptor.Category);
    }

    [Fact]
    public void Unreadable_input_shape_is_reported_once_by_the_front_end()
    {
        var source = DiagnosticCase.Ae("[Conv(1)] public partial Stage Enc1 { get; }", "[Autoencoder(28, 28)]");

        var outcome = Generate.Run((DiagnosticCase.FilePath, source));

        Assert.Equal(["DSLAE105"], outcome.Diagnostics.Select(d => d.Id));
    }
}

/// <summary>
/// Issue 13, item 2: whatever a DSLAE error rejects, nothing the generator writes fails to compile, so the DSLAE error
/// stands alone instead of beside CS0246/CS0260 errors located in obj/.
/// </summary>
public sealed class RejectedModelOutputTests
{
    public static TheoryData<string> ErrorIds => new(DiagnosticCases.All.Where(c => c.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(c => c.Id).Distinct());

    [Theory]
    [MemberData(nameof(ErrorIds))]
    public void Generated_code_of_a_rejected_model_compiles(string id)
    {
        var @case = DiagnosticCases.All.First(c => c.Id == id);
        var outcome = Generate.Run((DiagnosticCase.FilePath, MarkedSource.Parse(@case.MarkedSource).Text));
        Assert.Contains(outcome.Diagnostics, d => d.Id == id);

        var generated = outcome.Output.SyntaxTrees.Except(outcome.Input.SyntaxTrees).ToHashSet();
        var inGenerated = outcome.Output.GetDiagnostics()
            .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generated.Contains(tree))
            .ToList();
        Assert.True(inGenerated.Count == 0, $"{id}: generated code does not compile:\n" + string.Join("\n", inGenerated));
    }
}
