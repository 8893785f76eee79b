using DslAe.Model;

namespace DslAe.Model.Tests;

/// <summary>docs/diagnostics.md is generated from the catalogue; this test keeps the committed copy in step.</summary>
public class DiagnosticsDocumentTests
{
    private const string UpdateSwitch = "DSLAE_UPDATE_DOCS";

    [Fact]
    public void Committed_docs_match_the_catalogue()
    {
        var path = RepositoryFiles.PathOf("docs/diagnostics.md");
        var expected = DiagnosticsDocument.Render(DiagnosticCatalogues.All);
        if (Environment.GetEnvironmentVariable(UpdateSwitch) == "1")
        {
            File.WriteAllText(path, expected);
        }

        var committed = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "(missing)";
        Assert.True(committed == expected,
            $"docs/diagnostics.md differs from the catalogues. Regenerate it with: {UpdateSwitch}=1 dotnet test tests/DslAe.Model.Tests -c Release, then commit it.");
    }

    [Fact]
    public void Every_rule_has_a_section_with_its_anchor_and_help_link()
    {
        var text = DiagnosticsDocument.Render(DiagnosticCatalogues.All);
        foreach (var rule in DiagnosticCatalogues.All)
        {
            Assert.Contains("\n## " + rule.Id + "\n", text);
            Assert.Contains("(#" + rule.Id.ToLowerInvariant() + ")", text);
            Assert.Equal("docs/diagnostics.md#" + rule.Id.ToLowerInvariant(), rule.HelpLink);
        }
    }

    [Fact]
    public void Ids_of_all_catalogues_are_unique_and_well_formed()
    {
        var ids = DiagnosticCatalogues.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^DSLAE[0-9]{3}$", id));
    }

    [Fact]
    public void Ids_are_unique_well_formed_and_in_the_model_range()
    {
        var ids = DiagnosticCatalogue.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^DSLAE0[0-9][0-9]$", id));
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
    }
}
