using DslAe.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>
/// Declarations broken in ways the compiler or the generator must report: each gets at least one error and never a
/// generator exception (which Roslyn would turn into a mere CS8785 warning and drop every output).
/// </summary>
public sealed class MalformedDeclarationTests
{
    private static string Ae(string stages, string header = "[Autoencoder(1, 28, 28)]") => DiagnosticCase.Ae(stages, header);

    public static TheoryData<string, string, string> Cases => new()
    {
        { "missing stage argument", Ae("[Conv] public partial Stage Enc1 { get; }"), "CS7036" },
        { "missing input shape", Ae("[Conv(1)] public partial Stage Enc1 { get; }", "[Autoencoder]"), "DSLAE105" },
        { "missing unpool source", Ae("[MaxPool(2, KeepIndices = true)] public partial Stage Pool1 { get; }\n[Unpool(null!)] public partial Stage Up1 { get; }"), "DSLAE016" },
        { "string for a number", Ae("[Conv(\"32\")] public partial Stage Enc1 { get; }"), "CS1503" },
        { "double for an int", Ae("[Conv(32, Kernel = 2.5)] public partial Stage Enc1 { get; }"), "CS0266" },
        { "string in the input shape", Ae("[Conv(1)] public partial Stage Enc1 { get; }", "[Autoencoder(\"1\", 28, 28)]"), "CS1503" },
        { "undefined nameof", Ae("[Conv(1, Skip = nameof(Nowhere))] public partial Stage Enc1 { get; }"), "CS0103" },
        { "self skip", Ae("[Conv(1, Skip = nameof(Enc1))] public partial Stage Enc1 { get; }"), "DSLAE007" },
        { "skip cycle", Ae("""
            [Conv(8)] public partial Stage Enc1 { get; }
            [Latent(8, Kind = LatentKind.Conv)] public partial Stage Code { get; }
            [Conv(8, Skip = nameof(Dec2))] public partial Stage Dec1 { get; }
            [Conv(1, Skip = nameof(Dec1))] public partial Stage Dec2 { get; }
            """), "DSLAE007" },
        { "empty model", Ae(""), "DSLAE020" },
        { "latent only, size zero", Ae("[Latent(0)] public partial Stage Code { get; }"), "DSLAE016" },
        { "non-partial type", "using DslAe;\n[Autoencoder(1, 28, 28)] public record Ae { }", "DSLAE101" },
        { "non-partial container", "using DslAe;\npublic static class Outer { [Autoencoder(1, 28, 28)] public partial record Ae { } }", "DSLAE101" },
        { "generic type", "using DslAe;\n[Autoencoder(1, 28, 28)] public partial class Ae<T> { [Conv(1)] public partial Stage Enc1 { get; } }", "DSLAE102" },
        { "stage with a setter", Ae("[Conv(1)] public partial Stage Enc1 { get; set; }"), "DSLAE103" },
        { "stage attribute on an int", Ae("[Conv(1)] public partial int Enc1 { get; }"), "DSLAE103" },
        { "stage attribute on a non-partial string", Ae("[Conv(1)] public string Enc1 { get; } = \"\";"), "DSLAE103" },
        { "stage attribute on a field", Ae("[Conv(1)] public Stage? Enc1;"), "CS0592" },
        { "autoencoder on a struct", "using DslAe;\n[Autoencoder(1, 28, 28)] public partial struct Ae { }", "CS0592" },
        { "enum cast out of range", Ae("[Conv(1, Skip = \"Enc0\", Merge = (Merge)7)] public partial Stage Enc1 { get; }"), "DSLAE108" },
        { "unknown loss kind", Ae("[Conv(1)] public partial Stage Enc1 { get; }", "[Autoencoder(1, 28, 28)]\n[Loss((LossKind)99)]"), "DSLAE108" },
        { "adversarial loss from C#", Ae("[Conv(1)] public partial Stage Enc1 { get; }", "[Autoencoder(1, 28, 28)]\n[Loss(LossKind.Adversarial)]"), "DSLAE109" },
        { "attribute class does not exist", Ae("[Convolution(1)] public partial Stage Enc1 { get; }"), "CS0246" },
        { "syntax error in the type", "using DslAe;\n[Autoencoder(1, 28, 28)] public partial record Ae { [Conv(1)] public partial Stage Enc1 { get; }", "CS1513" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_declaration_is_reported_without_a_generator_exception(string what, string source, string expectedId)
    {
        var outcome = Generate.Run(("Cases/Malformed.cs", source));

        outcome.AssertNoGeneratorFailure();
        var errors = outcome.Input.GetDiagnostics().Concat(outcome.Diagnostics).Concat(outcome.Output.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Any(d => d.Id == expectedId),
            what + ": expected " + expectedId + ", got:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void Two_models_with_one_name_in_one_namespace_do_not_crash_the_generator()
    {
        const string source = """
            using DslAe;
            public partial class First { [Autoencoder(1, 28, 28)] public partial class Ae { [Conv(1)] public partial Stage Enc1 { get; } } }
            public partial class Second { [Autoencoder(1, 28, 28)] public partial class Ae { [Conv(1)] public partial Stage Enc1 { get; } } }
            """;

        var outcome = Generate.Run(("Cases/Twins.cs", source));

        outcome.AssertNoGeneratorFailure();
        Assert.Single(outcome.Diagnostics, d => d.Id == "DSLAE302");
    }

    [Fact]
    public void Lower_case_stage_names_generate_code_that_compiles()
    {
        // A local named like its stage would shadow the stage's field; the emitter must name locals apart.
        var source = DiagnosticCase.Ae("""
                [Conv(16, Stride = 2, Act = Act.Relu)] public partial Stage enc1 { get; }
                [Latent(8)] public partial Stage code { get; }
                [ConvT(1, Stride = 2, Norm = Norm.Batch)] public partial Stage dec1 { get; }
            """);

        var outcome = Generate.Run((DiagnosticCase.FilePath, source));

        outcome.AssertNoGeneratorFailure();
        Assert.Empty(outcome.Diagnostics);
        Assert.Empty(outcome.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
