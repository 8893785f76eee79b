using static TorchSharp.torch;

namespace DslAe;

/// <summary>
/// A generated model's encoder as a TorchSharp module (see <see cref="AutoencoderModule.CreateEncoder"/>): forward is the
/// owner's <see cref="AutoencoderModule.Encode"/>, and the owner's encoder stages are registered here under their own
/// names, so <c>parameters()</c>, <c>state_dict()</c>, <c>train()</c> and <c>to()</c> reach exactly the encoder.
/// </summary>
public sealed class EncoderModule : nn.Module<Tensor, Tensor>
{
    private readonly AutoencoderModule owner;

    /// <summary>Called by generated code with the encoder's members in module order.</summary>
    public EncoderModule(AutoencoderModule owner, params (string Name, nn.Module Module)[] stages) : base(owner.Definition.Name + "Encoder")
    {
        this.owner = owner;
        foreach (var (name, module) in stages) register_module(name, module);
    }

    /// <summary>The code of <paramref name="input"/>; temporaries are freed before returning.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return owner.Encode(input).MoveToOuterDisposeScope();
    }

    /// <summary>The stages are the owner's: registered here explicitly, never discovered by reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    /// <summary>The stages belong to the owner, which frees them; disposing this view frees nothing of theirs.</summary>
    protected override void Dispose(bool disposing)
    {
        // Only the native handle of this wrapper is released; the registered stages stay alive with their owner.
        if (disposing) ClearModules();
        base.Dispose(disposing);
    }
}
