namespace DslAe.Model
{
    /// <summary>
    /// What a rule is about, as Roslyn's diagnostic category: IDEs group and filter by it, and rule sets can select by it
    /// (<c>dotnet_analyzer_diagnostic.category-DslAe.Skips.severity = warning</c> in .editorconfig).
    /// </summary>
    public static class DiagnosticCategories
    {
#pragma warning disable CS1591 // Each constant names the topic it spells.
        public const string Shapes = "DslAe.Shapes";
        public const string Skips = "DslAe.Skips";
        public const string Pooling = "DslAe.Pooling";
        public const string TiedWeights = "DslAe.TiedWeights";
        public const string Latent = "DslAe.Latent";
        public const string Losses = "DslAe.Losses";
        public const string Values = "DslAe.Values";
        public const string Names = "DslAe.Names";
        public const string CSharpDeclaration = "DslAe.CSharpDeclaration";
        public const string YamlSyntax = "DslAe.YamlSyntax";
        public const string YamlDeclaration = "DslAe.YamlDeclaration";
        public const string Generation = "DslAe.Generation";
        public const string Cost = "DslAe.Cost";
#pragma warning restore CS1591
    }
}
