using DslAe.Generators.CSharp;

namespace DslAe.Generators.Yaml
{
    /// <summary>One YAML file after the front end: its path (for hint names and messages) and what was read.</summary>
    internal sealed record YamlDeclaration(string Path, FrontEndResult Result);

    /// <summary>One YAML file's model after shape inference.</summary>
    internal sealed record YamlCompiledModel(string Path, CompiledModel Model);

    /// <summary>Names of the YAML branch's pipeline steps, for incremental-caching tests.</summary>
    public static class YamlTrackingNames
    {
        public const string YamlDeclarations = nameof(YamlDeclarations);
        public const string YamlModels = nameof(YamlModels);
        public const string YamlModules = nameof(YamlModules);
        public const string YamlDiagnostics = nameof(YamlDiagnostics);
    }
}
