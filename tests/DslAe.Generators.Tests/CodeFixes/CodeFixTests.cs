using DslAe.Generators.Tests.Diagnostics;
using DslAe.Generators.Tests.Infrastructure;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace DslAe.Generators.Tests.CodeFixes;

/// <summary>
/// The fix a DSLAE message proposes is one click in the IDE (issue 14, item 1): the code action edits the stage's
/// attribute, and the declaration it leaves compiles without that diagnostic. Checked over the catalogue's case of
/// every rule and over random broken models, as the IDE runs it: a workspace document, the generator's diagnostics in
/// its tree, <see cref="CodeFixes.DeclarationFixProvider"/>'s actions.
/// </summary>
public sealed class CodeFixTests(ITestOutputHelper output)
{
    /// <summary>The rules whose catalogue case proposes an edit an action makes; the test below fails if one stops offering it.</summary>
    private static readonly string[] FixableInTheCatalogue =
        [
            "DSLAE001", "DSLAE002", "DSLAE003", "DSLAE004", "DSLAE005", "DSLAE009", "DSLAE012", "DSLAE013", "DSLAE017", "DSLAE018", "DSLAE019",
            "DSLAE023", "DSLAE029", "DSLAE030",
        ];

    public static TheoryData<int> ModelRuleCases => new(DiagnosticCases.All
        .Select((c, i) => (c, i)).Where(p => DiagnosticCatalogue.All.Any(r => r.Id == p.c.Id)).Select(p => p.i));

    [Theory]
    [MemberData(nameof(ModelRuleCases))]
    public void Every_action_a_catalogue_case_offers_clears_its_diagnostic(int index)
    {
        var testCase = DiagnosticCases.All[index];
        var source = MarkedSource.Parse(testCase.MarkedSource).Text;
        var document = Workspace.Open(source, DiagnosticCase.FilePath);
        var diagnostic = Assert.Single(Workspace.Build(document).Diagnostics, d => d.Id == testCase.Id);
        var actions = Workspace.Actions(document, diagnostic);

        Assert.True(FixableInTheCatalogue.Contains(testCase.Id) == actions.Count > 0,
            $"{testCase.Id}: {actions.Count} action(s) ({string.Join("; ", actions.Select(a => a.Title))}) for \"{diagnostic.GetMessage()}\"");
        foreach (var action in actions)
        {
            var fixedDocument = Workspace.Apply(document, action);
            var after = Workspace.Build(fixedDocument);
            after.AssertNoGeneratorFailure();
            Assert.DoesNotContain(after.Diagnostics, d => d.Id == testCase.Id);
            Assert.DoesNotContain(after.CompilerDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    [Theory]
    [InlineData("DSLAE101", "Make 'Ae' partial", "public partial record Ae")]
    [InlineData("DSLAE103", "Declare 'Enc1' as 'public partial Stage Enc1 { get; }'", "[Conv(8)] public partial Stage Enc1 { get; }")]
    public void The_declaration_form_a_front_end_message_spells_is_one_action(string id, string title, string written)
    {
        var testCase = DiagnosticCases.All.First(c => c.Id == id);
        var document = Workspace.Open(MarkedSource.Parse(testCase.MarkedSource).Text, DiagnosticCase.FilePath);
        var diagnostic = Assert.Single(Workspace.Build(document).Diagnostics, d => d.Id == id);
        var action = Assert.Single(Workspace.Actions(document, diagnostic, new DslAe.CodeFixes.DeclarationFormFixProvider()));
        Assert.Equal(title, action.Title);
        var fixedDocument = Workspace.Apply(document, action);
        Assert.Contains(written, Workspace.Text(fixedDocument));
        var after = Workspace.Build(fixedDocument);
        after.AssertNoGeneratorFailure();
        Assert.DoesNotContain(after.Diagnostics, d => d.Id == id);
        Assert.DoesNotContain(after.CompilerDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void The_action_is_titled_and_edits_like_the_message_says()
    {
        var document = Workspace.Open(DiagnosticCase.Ae("""
                [Conv(32, Kernel = 3, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [ConvT(1, Kernel = 3, Stride = 2, Padding = 1)] public partial Stage Dec1 { get; }
            """));
        var diagnostic = Assert.Single(Workspace.Build(document).Diagnostics);
        Assert.Contains("set OutputPadding = 1 on Dec1", diagnostic.GetMessage());
        var action = Assert.Single(Workspace.Actions(document, diagnostic));
        Assert.Equal("Dec1: set OutputPadding = 1", action.Title);

        var text = Workspace.Text(Workspace.Apply(document, action));
        Assert.Contains("[ConvT(1, Kernel = 3, Stride = 2, Padding = 1, OutputPadding = 1)] public partial Stage Dec1 { get; }", text);
        Assert.Contains("[Conv(32, Kernel = 3, Stride = 2)] public partial Stage Enc1 { get; }", text);  // nothing else moves
    }

    [Fact]
    public void Padding_by_name_sets_Pad_and_drops_the_explicit_padding_it_would_be_overridden_by()
    {
        // Enc1 empties the 4x4 input; "use Pad = Pad.Same" must also remove Padding = 0, which overrides Pad.
        var document = Workspace.Open(DiagnosticCase.Ae("""
                [Conv(8, Kernel = 5, Padding = 0)] public partial Stage Enc1 { get; }
            """, "[Autoencoder(1, 4, 4)]"));
        var diagnostic = Assert.Single(Workspace.Build(document).Diagnostics, d => d.Id == "DSLAE004");
        var action = Assert.Single(Workspace.Actions(document, diagnostic));
        Assert.Equal("Enc1: set Pad = Pad.Same, remove Padding", action.Title);
        var text = Workspace.Text(Workspace.Apply(document, action));
        Assert.Contains("[Conv(8, Kernel = 5, Pad = Pad.Same)]", text);
    }

    [Fact]
    public void A_constructor_argument_is_changed_where_it_stands()
    {
        // DSLAE003 proposes two fixes: Dec1's channels (its first constructor argument) or a concatenating merge.
        var document = Workspace.Open(DiagnosticCase.Ae("""
                [Conv(32, Stride = 2)] public partial Stage Enc1 { get; }
                [Conv(64, Stride = 2)] public partial Stage Enc2 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [ConvT(16, Stride = 2)] public partial Stage Dec1 { get; }
                [ConvT(1, Stride = 2, Skip = nameof(Enc1), Merge = Merge.Add)] public partial Stage Dec2 { get; }
            """));
        var diagnostic = Assert.Single(Workspace.Build(document).Diagnostics);
        var actions = Workspace.Actions(document, diagnostic);
        Assert.Equal(["Dec1: set outChannels: 32", "Dec2: set Merge = Merge.Concat"], actions.Select(a => a.Title));
        Assert.Contains("[ConvT(32, Stride = 2)] public partial Stage Dec1", Workspace.Text(Workspace.Apply(document, actions[0])));
        Assert.Contains("[ConvT(1, Stride = 2, Skip = nameof(Enc1), Merge = Merge.Concat)] public partial Stage Dec2", Workspace.Text(Workspace.Apply(document, actions[1])));
    }

    [Fact]
    public void Fix_all_in_a_document_repairs_every_model_in_it()
    {
        var source = """
            using DslAe;

            namespace Cases;

            [Autoencoder(1, 28, 28)]
            public partial record First
            {
                [Conv(16, Kernel = 3, Stride = 2)] public partial Stage Enc1 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [ConvT(1, Kernel = 3, Stride = 2, Padding = 1)] public partial Stage Dec1 { get; }
            }

            [Autoencoder(1, 32, 32)]
            public partial record Second
            {
                [Conv(16, Kernel = 5, Stride = 2, Padding = 2)] public partial Stage Enc1 { get; }
                [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                [ConvT(1, Kernel = 5, Stride = 2, Padding = 2)] public partial Stage Dec1 { get; }
            }
            """;
        var document = Workspace.Open(source);
        Assert.Equal(2, Workspace.Build(document).Diagnostics.Count(d => d.Id == "DSLAE001"));

        var repaired = Workspace.FixAll(document, "DSLAE001", ProposedFix.PropertyKey(0));
        var after = Workspace.Build(repaired);
        Assert.Empty(after.Diagnostics);
        Assert.DoesNotContain(after.CompilerDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Random_broken_models_are_repaired_by_the_code_actions_alone()
    {
        // Mirrored encoder/decoder pairs whose decoders' explicit padding may miss the encoder's sizes (the
        // model-level property, FixProperties, now through the IDE): apply the first action until no error is left.
        var random = new Random(20261203);
        var (broken, repaired) = (0, 0);
        for (var i = 0; i < 60; i++)
        {
            var (size, depth, kernel, padding) = (random.Next(8, 65), random.Next(1, 4), random.Next(2, 6), random.Next(0, 3));
            var document = Workspace.Open(Mirror(size, depth, kernel, padding));
            var outcome = Workspace.Build(document);
            if (!outcome.Diagnostics.Any(d => d.Id == "DSLAE001"))
            {
                continue;
            }

            broken++;
            for (var step = 0; step <= depth; step++)
            {
                var mismatch = outcome.Diagnostics.FirstOrDefault(d => d.Id == "DSLAE001");
                if (mismatch is null)
                {
                    break;
                }

                var action = Workspace.Actions(document, mismatch).FirstOrDefault();
                if (action is null)
                {
                    // No edit reaches the size (stride 2 cannot make an odd size); the message still names a change.
                    Assert.Contains("; ", mismatch.GetMessage());
                    break;
                }

                document = Workspace.Apply(document, action);
                outcome = Workspace.Build(document);
                outcome.AssertNoGeneratorFailure();
            }

            if (!outcome.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                Assert.DoesNotContain(outcome.CompilerDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
                repaired++;
            }
        }

        output.WriteLine($"{broken} of 60 random models broken, {repaired} repaired by the code actions alone");
        Assert.True(broken >= 30, $"only {broken} of 60 random models were broken");
        Assert.True(repaired * 10 >= broken * 9, $"the actions repaired {repaired} of {broken} broken models");
    }

    private static string Mirror(int size, int depth, int kernel, int padding)
    {
        var encoder = Enumerable.Range(1, depth).Select(i => $"    [Conv(4, Kernel = {kernel}, Stride = 2)] public partial Stage Enc{i} {{ get; }}");
        var decoder = Enumerable.Range(1, depth).Reverse()
            .Select(i => $"    [ConvT({(i == 1 ? 1 : 4)}, Kernel = {kernel}, Stride = 2, Padding = {padding})] public partial Stage Dec{i} {{ get; }}");
        return DiagnosticCase.Ae(string.Join("\n", encoder.Append("    [Latent(4, Kind = LatentKind.Conv)] public partial Stage Code { get; }").Concat(decoder)),
                                 $"[Autoencoder(1, {size}, {size})]");
    }
}
