namespace DslAe;

/// <summary>
/// Everything the generator knows about one declared model at compile time: its name, input shape, summary,
/// training defaults and a factory for its module. The command line finds models through <see cref="ModelCatalog"/>.
/// </summary>
public abstract class ModelDefinition
{
    /// <summary>The model's name: the declaring type's name, or the YAML declaration's.</summary>
    public abstract string Name { get; }

    /// <summary>Input shape of one sample: channels, height, width.</summary>
    public abstract int[] InputShape { get; }

    /// <summary>Stage table computed at compile time.</summary>
    public abstract ModelSummary Summary { get; }

    /// <summary>Training settings as declared, defaults filled in.</summary>
    public abstract TrainingSettings Training { get; }

    /// <summary>
    /// The model's declaration as YAML with every default written out (what <c>summary --config</c> prints). Saved as a
    /// <c>.dslae.yaml</c> file it declares the same model, whichever front end declared it.
    /// </summary>
    public abstract string EffectiveDeclaration { get; }

    /// <summary>What the output is compared with; unless the model declares a target, its input (reconstruction).</summary>
    public virtual TargetDescription Target => TargetDescription.Reconstruction(InputShape);

    /// <summary>The classifier fine-tuned on the encoder after training (<see cref="FineTuneAttribute"/>); null when none is declared.</summary>
    public virtual FineTuneDescription? FineTune => null;

    /// <summary>The summary table followed by the target (and fine-tune): what <c>summary</c> prints and a run folder's summary.txt holds.</summary>
    public string SummaryText => Summary + "target: " + Target + "\n" + (FineTune is { } fineTune ? "fine-tune: " + fineTune + "\n" : string.Empty);

    /// <summary>The model's latent as the compiler planned it; null when the model has none.</summary>
    public virtual LatentDescription? Latent => null;

    /// <summary>A new module with freshly initialised parameters, on the CPU.</summary>
    public abstract AutoencoderModule CreateModule();

    /// <summary>The model's <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
