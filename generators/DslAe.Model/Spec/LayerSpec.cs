namespace DslAe.Model
{
    /// <summary>
    /// The operation a stage applies. One sealed record per kind; channels in are never written by
    /// users, shape inference derives them. Lengths (kernel, stride, padding, dilation) are square:
    /// the same value for height and width.
    /// </summary>
    public abstract record LayerSpec
    {
        /// <summary>Only this library defines kinds, so every rule can handle every kind.</summary>
        private protected LayerSpec()
        {
        }

        /// <summary>The kind's name as messages print it ("Conv", "MaxPool", ...).</summary>
        public abstract string KindName { get; }
    }
}
