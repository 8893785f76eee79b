using DslAe.Torch;
using DslAe.Torch.Nn;

namespace DslAe;

/// <summary>What one forward pass produces: the reconstruction and what the losses need from the code.</summary>
/// <param name="Output">The decoder's output.</param>
/// <param name="Code">The latent code (for a variational code: the sample).</param>
/// <param name="Mean">Variational codes: the mean head's output.</param>
/// <param name="LogVariance">Variational codes: the log-variance head's output.</param>
public readonly record struct AutoencoderPass(Tensor Output, Tensor? Code, Tensor? Mean = null, Tensor? LogVariance = null);

/// <summary>
/// Base of every generated module. Generated code overrides <see cref="Run"/> (the whole pass),
/// <see cref="Encode"/>, <see cref="Decode"/> and <see cref="ComputeLoss"/>; this class adds what is the same
/// for every model: freeing a pass's temporaries, and one training step.
/// </summary>
public abstract class AutoencoderModule : Module
{
    /// <summary>The compile-time description this module was generated from.</summary>
    public abstract ModelDefinition Definition { get; }

    /// <summary>Runs encoder, code and decoder. Temporaries belong to the caller's dispose scope.</summary>
    public abstract AutoencoderPass Run(Tensor input);

    /// <summary>The code of <paramref name="input"/> (for a variational code: its mean).</summary>
    public abstract Tensor Encode(Tensor input);

    /// <summary>The reconstruction of a code; throws when the decoder also reads encoder stages (skips, unpooling).</summary>
    public abstract Tensor Decode(Tensor code);

    /// <summary>The declared weighted loss between the reconstruction of <paramref name="input"/> and <paramref name="target"/>.</summary>
    public LossBreakdown ComputeLoss(Tensor input, Tensor target) => ComputeLoss(Run(input), target);

    /// <summary>The declared weighted loss of a pass already run, so a caller that also needs the output runs it once.</summary>
    public abstract LossBreakdown ComputeLoss(AutoencoderPass pass, Tensor target);

    /// <summary>The declared input corruption (denoising); the identity when none is declared.</summary>
    public virtual Tensor Corrupt(Tensor input) => input;

    /// <summary>The reconstruction of <paramref name="input"/>; the pass's temporaries are freed before returning.</summary>
    public Tensor Forward(Tensor input)
    {
        using var scope = Torch.Torch.NewDisposeScope();
        return Run(input).Output.MoveToOuterDisposeScope();
    }
}
