namespace DslAe.Model
{
    /// <summary>Activation kinds.</summary>
    public enum ActivationKind
    {
        /// <summary>Identity.</summary>
        None,
#pragma warning disable CS1591 // The usual functions of the same names.
        Relu,
        LeakyRelu,
        Elu,
        Gelu,
        Silu,
        Sigmoid,
        Tanh,
#pragma warning restore CS1591

        /// <summary>Softmax over the channel dimension (dim 1), e.g. for K-class segmentation.</summary>
        Softmax,
    }

    /// <summary>A stage's activation, applied after its norm and before its dropout.</summary>
    /// <param name="Kind">Which function.</param>
    /// <param name="Parameter">Leaky ReLU's slope or ELU's alpha; null means the default.</param>
    public sealed record ActivationSpec(ActivationKind Kind, double? Parameter = null)
    {
        /// <summary>No activation.</summary>
        public static ActivationSpec None { get; } = new(ActivationKind.None);

        /// <summary>The parameter the emitter writes: the given one or the kind's default (0 when the kind has none).</summary>
        public double EffectiveParameter => Parameter ?? Kind switch
        {
            ActivationKind.LeakyRelu => Defaults.LeakyReluSlope,
            ActivationKind.Elu => Defaults.EluAlpha,
            _ => 0.0,
        };
    }
}
