using System.Reflection;
using System.Runtime.Loader;
using DslAe.Generators.Tests.Infrastructure;
using DslAe.Generators.Tests.Models;
using Microsoft.CodeAnalysis;

namespace DslAe.Generators.Tests.Running;

/// <summary>
/// The sample models and the Fashion example, generated, compiled in memory and loaded once for the run tests
/// (compiling is the slow part). The compiler's diagnostics are kept so a test can assert there are none.
/// </summary>
public sealed class CompiledModels
{
    public CompiledModels()
    {
        var fashion = File.ReadAllText(RepositoryFiles.PathOf("examples/FashionAutoencoder/FashionAe.cs"));
        Outcome = Generate.Run([.. SampleModels.All, ("FashionAe.cs", fashion)]);
        Diagnostics = Outcome.Output.GetDiagnostics();

        using var image = new MemoryStream();
        var emitted = Outcome.Output.Emit(image);
        EmitDiagnostics = emitted.Diagnostics;
        if (emitted.Success)
        {
            image.Position = 0;
            // The default context resolves DslAe and TorchSharp to the copies the test itself runs on.
            Assembly = AssemblyLoadContext.Default.LoadFromStream(image);
        }
    }

    public GeneratorOutcome Outcome { get; }

    /// <summary>Every error, warning and info of the compilation with the generated code added.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public IReadOnlyList<Diagnostic> EmitDiagnostics { get; }

    public Assembly? Assembly { get; }

    /// <summary>The generated definition of the model with that full type name (namespace and name).</summary>
    public global::DslAe.ModelDefinition Definition(string fullName)
    {
        Assert.True(Assembly is not null, "The generated code did not compile:\n" + string.Join("\n", EmitDiagnostics));
        var type = Assembly.GetType(fullName + "Definition", throwOnError: true)!;
        return (global::DslAe.ModelDefinition)type.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }
}
