using TorchSharp;
using static TorchSharp.torch;

namespace DslAe;

/// <summary>What one forward pass produces: the reconstruction and what the losses need from the code.</summary>
/// <param name="Output">The decoder's output.</param>
/// <param name="Code">The latent code (for a variational code: the sample).</param>
/// <param name="Mean">Variational codes: the mean head's output.</param>
/// <param name="LogVariance">Variational codes: the log-variance head's output.</param>
public readonly record struct AutoencoderPass(Tensor Output, Tensor? Code, Tensor? Mean = null, Tensor? LogVariance = null);

/// <summary>
/// Base of every generated module: a TorchSharp <c>nn.Module&lt;Tensor, Tensor&gt;</c> whose <c>forward</c> is the
/// reconstruction, so it composes with hand-written TorchSharp code like any other module. Generated code overrides
/// <see cref="Run"/> (the whole pass), <see cref="Encode"/>, <see cref="Decode"/> and <see cref="ComputeLoss(AutoencoderPass, Tensor)"/>,
/// and registers every submodule and parameter by name in its constructor (state_dict keys are the stage names).
/// </summary>
public abstract class AutoencoderModule : nn.Module<Tensor, Tensor>
{
    /// <param name="name">The model's name, TorchSharp's module name.</param>
    protected AutoencoderModule(string name) : base(name)
    {
    }

    /// <summary>The compile-time description this module was generated from.</summary>
    public abstract ModelDefinition Definition { get; }

    /// <summary>Runs encoder, code and decoder. Temporaries belong to the caller's dispose scope.</summary>
    public abstract AutoencoderPass Run(Tensor input);

    /// <summary>The code of <paramref name="input"/> (for a variational code: its mean).</summary>
    public abstract Tensor Encode(Tensor input);

    /// <summary>The reconstruction of a code; throws when the decoder also reads encoder stages (skips, unpooling).</summary>
    public abstract Tensor Decode(Tensor code);

    /// <summary>
    /// The encoder as a module of its own: its forward is <see cref="Encode"/>, and its parameters are the very
    /// parameters of this module's encoder stages (shared, not copied), named as here. Put it inside your own
    /// TorchSharp module to train a head on it, or to fine-tune it.
    /// </summary>
    public abstract EncoderModule CreateEncoder();

    /// <summary>The declared weighted loss between the reconstruction of <paramref name="input"/> and <paramref name="target"/>.</summary>
    public LossBreakdown ComputeLoss(Tensor input, Tensor target) => ComputeLoss(Run(input), target);

    /// <summary>The declared weighted loss of a pass already run, so a caller that also needs the output runs it once.</summary>
    public abstract LossBreakdown ComputeLoss(AutoencoderPass pass, Tensor target);

    /// <summary>
    /// The outputs of the encoder stages named in <paramref name="stages"/> for <paramref name="input"/>, in that order (null
    /// for a name that is not an encoder stage): what perceptual and style losses compare. Generated per model.
    /// </summary>
    public virtual Tensor?[] EncoderFeatures(Tensor input, string[] stages) => new Tensor?[stages.Length];

    /// <summary>Generated code's helper: puts <paramref name="value"/> where <paramref name="stages"/> names <paramref name="stage"/>.</summary>
    protected static void Keep(Tensor?[] features, string[] stages, string stage, Tensor value)
    {
        for (var i = 0; i < stages.Length; i++)
            if (stages[i] == stage) features[i] = value;
    }

    private readonly Dictionary<(string?, string?), AutoencoderModule> featureNetworks = new();

    /// <summary>
    /// The frozen network φ of a perceptual or style loss: the encoder of <paramref name="network"/> (a model of the
    /// program, found in <see cref="ModelCatalog"/>; null: this model), with the weights of <paramref name="weights"/> (a
    /// safetensors file; null: as initialised with seed 0, random features), on <paramref name="device"/>, in evaluation
    /// mode and without gradients for its parameters. Made at first use and kept; this module disposes it. Never part of
    /// this module's parameters or checkpoints.
    /// </summary>
    protected AutoencoderModule FeatureNetwork(string? network, string? weights, Device device)
    {
        if (!featureNetworks.TryGetValue((network, weights), out var phi))
        {
            var definition = network is null ? Definition : ModelCatalog.Find(network);
            // A fixed seed: a run and its resume build the same random features. Every step reseeds before its own draws.
            Training.TrainingDevice.Seed(0);
            phi = definition.CreateModule();
            if (weights is not null)
            {
                if (!File.Exists(weights))
                    throw new FileNotFoundException($"{Definition.Name}'s feature loss reads {definition.Name}'s weights from {weights} ({Path.GetFullPath(weights)}), which does not exist: train {definition.Name} (train --model {definition.Name} --out <folder>) and point Weights at its model.safetensors", weights);
                Training.Checkpoint.LoadWeights(weights, phi);
            }
            foreach (var parameter in phi.parameters()) parameter.requires_grad = false;
            phi.eval();
            featureNetworks[(network, weights)] = phi;
        }
        phi.to(device);
        return phi;
    }

    /// <summary>Frees the feature networks this module made.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var phi in featureNetworks.Values) phi.Dispose();
            featureNetworks.Clear();
        }
        base.Dispose(disposing);
    }

    /// <summary>True for a GLO model: no encoder, one learned code per training image (<see cref="Codes"/>).</summary>
    public virtual bool LearnsCodes => false;

    /// <summary>A GLO model's codes, once bound (<see cref="BindCodes"/>) by the trainer or by loading weights; null otherwise.</summary>
    public LearnedCodeTable? Codes { get; private set; }

    /// <summary>Gives a GLO model its codes, one row of <paramref name="initial"/> per training image, on the module's device.</summary>
    public void BindCodes(Tensor initial)
    {
        if (!LearnsCodes) throw new InvalidOperationException($"{Definition.Name} has no learned codes; only a Learned latent (GLO) binds codes");
        if (Codes is not null) throw new InvalidOperationException($"{Definition.Name} already holds {Codes.Count} codes");
        var device = parameters().FirstOrDefault()?.device ?? CPU;
        Codes = new LearnedCodeTable(initial.to(device));
        register_module("Codes", Codes);
    }

    /// <summary>GLO training's forward pass: the codes of the training images at <paramref name="indices"/>, decoded.</summary>
    public AutoencoderPass RunCodes(Tensor indices)
    {
        var table = Codes ?? throw new InvalidOperationException($"{Definition.Name}'s codes are not bound yet (BindCodes)");
        var codes = table.Rows(indices);
        return new AutoencoderPass(Decode(codes), codes);
    }

    /// <summary>Before a state dict is loaded: a GLO model binds a code table of the saved one's shape, so the load can fill it.</summary>
    public void PrepareToLoad(IReadOnlyDictionary<string, Tensor> tensors)
    {
        if (LearnsCodes && Codes is null && tensors.TryGetValue("Codes.Table", out var saved))
            BindCodes(zeros(saved.shape, saved.dtype));
    }

    /// <summary>The declared input corruption (denoising); the identity when none is declared.</summary>
    public virtual Tensor Corrupt(Tensor input) => input;

    /// <summary>The reconstruction of <paramref name="input"/>; the pass's temporaries are freed before returning.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return Run(input).Output.MoveToOuterDisposeScope();
    }

    /// <summary>Registers <paramref name="module"/> as the submodule <paramref name="name"/> (its state_dict prefix) and returns it.</summary>
    protected T RegisterModule<T>(string name, T module) where T : nn.Module
    {
        register_module(name, module);
        return module;
    }

    /// <summary>Registers <paramref name="initial"/> as the trainable parameter <paramref name="name"/> and returns it.</summary>
    protected TorchSharp.Modules.Parameter RegisterParameter(string name, Tensor initial)
    {
        // A module outlives any dispose scope it is built in: its parameters belong to it alone.
        var parameter = new TorchSharp.Modules.Parameter(initial, requires_grad: true);
        parameter.DetachFromDisposeScope();
        register_parameter(name, parameter);
        return parameter;
    }

    /// <summary>
    /// Generated constructors register every member explicitly, so TorchSharp's reflective field scan (run when this
    /// module becomes a submodule of another) has nothing to add.
    /// </summary>
    protected override void RegisterComponents()
    {
    }
}
