using System.Diagnostics;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace DslAe.Generators.Tests.Yaml;

/// <summary>
/// Robustness: thousands of mutated, truncated and random documents go through the real generator. No exception
/// may escape (it would surface as CS8785 and drop all output), and every document the generator rejects carries
/// at least one DSLAE error inside that file — a location Roslyn can show, never past the file's end — and names
/// only arguments YAML has.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Documents = 2400;
    private const int PerRun = 100;

    [Fact]
    public void NoDocumentBreaksTheGeneratorAndEveryRejectionIsLocatedInItsFile()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("DSLAE_FUZZ_SEED"), out var s) ? s : 20261122;
        var corpus = new List<string> { ExampleModels.FashionAe.Yaml, ExampleModels.UNetDenoiser.Yaml };
        corpus.Add(EffectiveDeclaration.Write(YamlGenerate.Run("/c/u.dslae.yaml", corpus[1]).YamlSpec()));
        var fuzzer = new YamlFuzzer(seed, corpus);
        var clock = Stopwatch.StartNew();
        int rejected = 0, accepted = 0;
        var byKind = new Dictionary<string, int>();

        for (var run = 0; run < Documents / PerRun; run++)
        {
            var documents = Enumerable.Range(0, PerRun).Select(i =>
            {
                var (kind, text) = fuzzer.Next();
                byKind[kind] = byKind.GetValueOrDefault(kind) + 1;
                return (Path: "/fuzz/" + run + "/doc" + i + (i % 2 == 0 ? ".dslae.yaml" : ".dslae.yml"), Kind: kind, Text: text);
            }).ToList();

            var driver = YamlGenerate.Driver(documents.Select(d => (AdditionalText)new InMemoryAdditionalText(d.Path, d.Text)))
                .RunGeneratorsAndUpdateCompilation(Infrastructure.Generate.Compilation(), out _, out var driverDiagnostics);
            var result = driver.GetRunResult();
            Assert.All(result.Results, r => Assert.True(r.Exception is null, "seed " + seed + ", run " + run + ": the generator threw " + r.Exception));
            Assert.DoesNotContain(driverDiagnostics, d => d.Id == "CS8785");

            var outcome = new Infrastructure.GeneratorOutcome(null!, null!, result);
            var models = outcome.YamlModels();
            foreach (var document in documents)
            {
                var context = "seed " + seed + ", " + document.Kind + " document " + document.Path + ":\n" + document.Text + "\n";
                var text = SourceText.From(document.Text);
                var mine = result.Diagnostics.Where(d => d.Location.GetLineSpan().Path == document.Path).ToList();
                foreach (var diagnostic in mine)
                {
                    Assert.StartsWith("DSLAE", diagnostic.Id, StringComparison.Ordinal);
                    Assert.True(diagnostic.Location.SourceSpan.End <= text.Length && diagnostic.Location.GetLineSpan().EndLinePosition.Line < text.Lines.Count,
                        context + "located outside the file: " + diagnostic);
                    if (diagnostic.Id != "DSLAE201")
                    {
                        // Syntax errors quote the YAML parser's own words ("found value containing disallowed: []{},").
                        Diagnostics.ArgumentsInMessages.AssertSpeltFor(FrontEnd.Yaml, diagnostic.GetMessage(), context);
                    }
                }

                Assert.False(mine.Any(d => d.Id == "DSLAE299"), context + string.Join("\n", mine));
                if (models[document.Path].CanEmit)
                {
                    accepted++;
                    continue;
                }

                rejected++;
                Assert.True(mine.Any(d => d.Severity == DiagnosticSeverity.Error), context + "rejected without a DSLAE error in the file; reported:\n" +
                    string.Join("\n", result.Diagnostics.Where(d => d.Location.GetLineSpan().Path == document.Path || !d.Location.IsInSource)));
            }

            // Diagnostics belong to some document of this run, never to no file at all.
            Assert.All(result.Diagnostics, d => Assert.Contains(documents, doc => doc.Path == d.Location.GetLineSpan().Path));
        }

        output.WriteLine($"seed {seed}: {Documents} documents ({string.Join(", ", byKind.Select(k => k.Key + " " + k.Value))}); " +
            $"{rejected} rejected, {accepted} accepted; {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(rejected > Documents / 2, "the fuzzer should mostly produce broken documents");
        Assert.True(accepted > 0, "some mutations (comments, harmless values) leave a valid model");
    }
}
