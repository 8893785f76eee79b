using Microsoft.CodeAnalysis;

namespace DslAe.Generators.Tests.Yaml;

/// <summary>Issue 13, item 4: what YAML syntax slips say, and where.</summary>
public sealed class YamlSyntaxMessageTests
{
    private const string Path = "/project/model.dslae.yaml";

    private static List<Diagnostic> Errors(string yaml) =>
        YamlGenerate.Run(Path, yaml).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    [Fact]
    public void An_unclosed_brace_is_named_where_it_opened()
    {
        var errors = Errors("""
            name: Ae
            input: [1, 28, 28]
            encoder:
              - { name: Enc1, conv: { out_channels: 8, kernel: 3 }
            """);
        var error = Assert.Single(errors);
        var message = error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain("Operation is not valid", message);
        Assert.Contains("'{'", message);
        Assert.Contains("'}'", message);
        var position = error.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((3, 4), (position.Line, position.Character));   // the "{" that is never closed
    }

    [Fact]
    public void A_tab_used_for_indentation_is_reported_at_the_tab()
    {
        var errors = Errors("name: Ae\ninput: [1, 28, 28]\nencoder:\n\t- { name: Enc1, conv: { out_channels: 8 } }\n");
        var error = Assert.Single(errors, e => e.Id == "DSLAE201");
        Assert.Contains("tab", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);
        var position = error.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((3, 0), (position.Line, position.Character));
    }

    [Fact]
    public void A_misspelt_required_key_gives_one_error_with_the_did_you_mean()
    {
        var errors = Errors("""
            name: Ae
            input: [1, 28, 28]
            encoder:
              - { name: Enc1, conv: { out_chanels: 8, kernel: 3 } }
            """);
        var error = Assert.Single(errors);
        Assert.Equal("DSLAE202", error.Id);
        Assert.Contains("did you mean 'out_channels'?", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Control_characters_in_a_name_are_escaped_in_the_message()
    {
        var errors = Errors("name: \"Ae\\u001b[31m\\u0007\"\ninput: [1, 28, 28]\n");
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.DoesNotContain(e.GetMessage(System.Globalization.CultureInfo.InvariantCulture), c => char.IsControl(c)));
        Assert.Contains(errors, e => e.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("\\u001B", StringComparison.OrdinalIgnoreCase));
    }
}
