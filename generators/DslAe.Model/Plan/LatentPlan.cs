namespace DslAe.Model
{
    /// <summary>
    /// The latent after shape inference. <see cref="InFeatures"/> is what the code's input layer reads
    /// (channels for a conv code, flattened features otherwise, 0 for learnable codes);
    /// <see cref="Output"/> is what the decoder starts from and <see cref="ProjectBackFeatures"/>
    /// the width of the linear layer back to it (0 when there is none).
    /// </summary>
    /// <param name="Latent">The latent as declared.</param>
    /// <param name="Input">Shape from the encoder (for learnable codes: the code itself).</param>
    /// <param name="Code">The code's shape.</param>
    /// <param name="Output">The decoder's starting shape.</param>
    /// <param name="InFeatures">Input width of the code layer(s).</param>
    /// <param name="ProjectBackFeatures">Output width of the projection back; 0: none.</param>
    /// <param name="ParameterCount">Learned values (learnable codes themselves excluded: their number depends on the data).</param>
    public sealed record LatentPlan(LatentSpec Latent, Shape Input, Shape Code, Shape Output, int InFeatures, int ProjectBackFeatures, long ParameterCount)
    {
        /// <summary>The latent's name.</summary>
        public string Name => Latent.Name;
    }
}
