using DslAe.Generators.Tests.Infrastructure;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>
/// Shape-rule behaviour first found wrong from C# declarations: the fix a message proposes must be right for the
/// stage it names, and spelled the way a C# declaration spells it.
/// </summary>
public sealed class ModelRuleIssueTests
{
    [Fact]
    public void Wrong_decoder_stride_names_the_size_the_stage_must_have()
    {
        var example = File.ReadAllText(RepositoryFiles.PathOf("examples/FashionAutoencoder/FashionAe.cs"));
        var broken = example.Replace("[ConvT(32, Kernel = 3, Stride = 2,", "[ConvT(32, Kernel = 3, Stride = 3,", StringComparison.Ordinal);
        Assert.NotEqual(example, broken);

        var outcome = Generate.Run(("FashionAe.cs", broken));

        var diagnostic = Assert.Single(outcome.Diagnostics, d => d.Id == "DSLAE001");
        Assert.StartsWith("Dec1: expected 14x14, received 21x21", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Fix_suggestions_use_the_CSharp_spelling_of_the_argument()
    {
        var source = DiagnosticCase.Ae("""
                [Conv(16)] public partial Stage Enc1 { get; }
                [Conv(32, Stride = 2)] public partial Stage Enc2 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [ConvT(16, Stride = 2)] public partial Stage Dec1 { get; }
                [Conv(1, Skip = nameof(Enc1))] public partial Stage Out { get; }
            """);

        var outcome = Generate.Run((DiagnosticCase.FilePath, source));

        var diagnostic = Assert.Single(outcome.Diagnostics, d => d.Id == "DSLAE012");
        Assert.Contains("HighPass = true", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
