using System.Text.RegularExpressions;
using DslAe.Generators.Tests.Infrastructure;
using DslAe.Model;

namespace DslAe.Generators.Tests.Yaml;

/// <summary>docs/yaml.md and the parser cannot drift: every key and option the parser accepts is documented in its section, and nothing more.</summary>
public sealed partial class YamlDocsTests
{
    private static readonly string Docs = File.ReadAllText(RepositoryFiles.PathOf("docs/yaml.md")).Replace("\r\n", "\n");

    public static TheoryData<string> Sections => new(YamlSchema.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Sections))]
    public void EveryAcceptedKeyIsDocumentedInItsSection(string name)
    {
        var section = YamlSchema.All.Single(s => s.Name == name);
        var text = SectionText(name);
        var documented = KeyRow().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(section.Keys.OrderBy(k => k, StringComparer.Ordinal), documented.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryOptionIsDocumented()
    {
        var options = YamlSpelling.Activations.Names
            .Concat(YamlSpelling.Norms.Names).Concat(YamlSpelling.Merges.Names).Concat(YamlSpelling.UpsampleModes.Names)
            .Concat(YamlSpelling.LatentKinds.Names).Concat(YamlSpelling.CodeInits.Names).Concat(YamlSpelling.Corruptions.Names)
            .Concat(YamlSpelling.LossKinds.Names).Concat(YamlSpelling.Optimizers.Names).Concat(YamlSpelling.Schedules.Names);
        Assert.All(options, option => Assert.Contains("`" + option + "`", Docs, StringComparison.Ordinal));
    }

    [Fact]
    public void TheOpeningExampleIsAValidModel()
    {
        var example = Regex.Match(Docs, "```yaml\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("name: UNetDenoiser", example, StringComparison.Ordinal);
        var outcome = YamlGenerate.Run("/docs/denoiser.dslae.yaml", example);
        Assert.True(outcome.Diagnostics.IsEmpty, outcome.Diagnostics.Describe());
        Assert.True(Assert.Single(outcome.YamlModels().Values).CanEmit);
    }

    /// <summary>The text from the section's heading ("## `train`" or "### `conv`") to the next heading.</summary>
    private static string SectionText(string name)
    {
        var match = Regex.Match(Docs, "^#{2,3} `" + Regex.Escape(name) + "`\n(.*?)(?=^#{2,3} |\\z)", RegexOptions.Singleline | RegexOptions.Multiline);
        Assert.True(match.Success, "docs/yaml.md has no heading \"## `" + name + "`\"");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("^\\| `([a-z0-9_]+)` \\|", RegexOptions.Multiline)]
    private static partial Regex KeyRow();
}
