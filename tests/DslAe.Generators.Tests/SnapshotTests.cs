using DslAe.Generators.Tests.Infrastructure;
using DslAe.Generators.Tests.Models;
using DslAe.Generators.Tests.Snapshots;

namespace DslAe.Generators.Tests;

/// <summary>
/// The generated text of rich models, checked against the verified snapshots beside this file. Between them the
/// models use every layer, skip, generated latent kind, tie, corruption, norm, activation and emitted loss; a
/// change to the emitter shows up here as a reviewable diff.
/// </summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData("DenoisingUNet")]
    [InlineData("TiedVae")]
    [InlineData("ShuffleSegmenter")]
    [InlineData("SuperResolver")]
    [InlineData("GarmentClassifier")]
    [InlineData("GloGenerator")]
    public void Sample_model_generates_its_verified_module_and_declaration(string model)
    {
        var outcome = Generate.Run(SampleModels.All.ToArray());
        outcome.AssertNoGeneratorFailure();
        Assert.Empty(outcome.Diagnostics);

        Snapshot.Match(outcome.Source("." + model + ".Module.g.cs"), "SnapshotTests." + model + ".Module");
        Snapshot.Match(outcome.Source("." + model + ".Declaration.g.cs"), "SnapshotTests." + model + ".Declaration");
    }

    [Fact]
    public void Registry_lists_every_model_of_the_compilation()
    {
        var outcome = Generate.Run(SampleModels.All.ToArray());

        Snapshot.Match(outcome.Source("DslAe.Models.g.cs"), "SnapshotTests.Registry");
    }

    [Fact]
    public void Fashion_example_generates_its_verified_module()
    {
        // The repository's main example, read from its project, so the snapshot follows the real declaration.
        var path = RepositoryFiles.PathOf("examples/FashionAutoencoder/FashionAe.cs");
        var outcome = Generate.Run(("FashionAe.cs", File.ReadAllText(path)));
        outcome.AssertNoGeneratorFailure();
        Assert.Empty(outcome.Diagnostics);

        Snapshot.Match(outcome.Source("FashionAe.Module.g.cs"), "SnapshotTests.FashionAe.Module");
        Snapshot.Match(outcome.Source("FashionAe.Declaration.g.cs"), "SnapshotTests.FashionAe.Declaration");
    }

    [Fact]
    public void Nested_types_in_the_global_namespace_are_completed_inside_their_containers()
    {
        const string source = """
            using DslAe;

            public static partial class Zoo
            {
                [Autoencoder(1, 8, 8)]
                internal partial class Tiny
                {
                    [Conv(4, Stride = 2, Act = Act.Relu)] internal partial Stage Down { get; }
                    [Latent(2, Kind = LatentKind.Conv)] public partial Stage Code { get; }
                    [ConvT(1, Stride = 2)] public partial Stage Up { get; }
                }
            }
            """;

        var outcome = Generate.Run(("Zoo.cs", source));
        outcome.AssertNoGeneratorFailure();
        Assert.Empty(outcome.CompilerDiagnostics());

        Snapshot.Match(outcome.Source("Tiny.Declaration.g.cs"), "SnapshotTests.Nested.Declaration");
    }

    [Fact]
    public void Model_nested_in_a_generic_type_is_completed_inside_the_generic_container()
    {
        const string source = """
            using DslAe;

            namespace Zoo;

            public partial class Keeper<TAnimal> where TAnimal : class
            {
                [Autoencoder(1, 8, 8)]
                public partial record Tiny
                {
                    [Conv(2, Stride = 2)] public partial Stage Down { get; }
                    [Latent(4)] public partial Stage Code { get; }
                    [ConvT(1, Stride = 2)] public partial Stage Up { get; }
                }
            }
            """;

        var outcome = Generate.Run(("Keeper.cs", source));

        outcome.AssertNoGeneratorFailure();
        Assert.Empty(outcome.CompilerDiagnostics());
        Assert.Contains("partial class Keeper<TAnimal>\n", outcome.Source("Tiny.Declaration.g.cs"));
    }
}
