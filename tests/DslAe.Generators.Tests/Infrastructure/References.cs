using Microsoft.CodeAnalysis;

namespace DslAe.Generators.Tests.Infrastructure;

/// <summary>
/// What test compilations reference: the running runtime's own framework assemblies (exactly the net10 the tests run
/// on, so no reference pack has to match it) plus DslAe.dll and TorchSharp.dll, the runtime and engine generated code calls.
/// </summary>
public static class References
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> All = new(Load);

    public static IReadOnlyList<MetadataReference> Framework => All.Value;

    private static IReadOnlyList<MetadataReference> Load()
    {
        // The trusted platform assemblies list the test host's dependencies too (Roslyn, xunit); keep the framework's.
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var paths = trusted.Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal)).ToList();
        paths.Add(typeof(global::DslAe.Stage).Assembly.Location);
        paths.Add(typeof(global::TorchSharp.torch.Tensor).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
