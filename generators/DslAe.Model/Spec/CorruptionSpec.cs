namespace DslAe.Model
{
    /// <summary>Input corruption kinds (denoising: the model sees the corrupted input, the target is clean).</summary>
    public enum CorruptionKind
    {
        /// <summary>Additive Gaussian noise; amount = standard deviation (&gt;= 0).</summary>
        Gaussian,

        /// <summary>Each value zeroed with probability amount, in [0, 1).</summary>
        Masking,

        /// <summary>Each value set to 0 or 1 with probability amount, in [0, 1].</summary>
        SaltAndPepper,
    }

    /// <summary>Input corruption during training.</summary>
    /// <param name="Kind">Which corruption.</param>
    /// <param name="Amount">Standard deviation or probability, by kind.</param>
    public sealed record CorruptionSpec(CorruptionKind Kind, double Amount) : SpecElement;
}
