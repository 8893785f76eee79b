namespace DslAe.Generators
{
    /// <summary>Names of the pipeline's steps, for incremental-caching tests.</summary>
    public static class TrackingNames
    {
        public const string CSharpDeclarations = nameof(CSharpDeclarations);
        public const string CSharpModels = nameof(CSharpModels);
        public const string Modules = nameof(Modules);
        public const string Diagnostics = nameof(Diagnostics);
        public const string Registry = nameof(Registry);
        public const string DuplicateModels = nameof(DuplicateModels);

        /// <summary>The cross-model check of perceptual and style losses' networks (DSLAE304).</summary>
        public const string FeatureNetworks = nameof(FeatureNetworks);
    }
}
