using static TorchSharp.torch;

namespace DslAe.Training;

/// <summary>
/// Evaluation mode without gradients until disposed; then the module's previous mode comes back. Every pass that
/// only reads a module (evaluation, reconstruction, scoring, sampling) runs inside one.
/// </summary>
internal sealed class EvaluationMode : IDisposable
{
    private readonly AutoencoderModule module;
    private readonly bool wasTraining;
    private readonly IDisposable noGrad;

    public EvaluationMode(AutoencoderModule module)
    {
        this.module = module;
        wasTraining = module.training;
        module.eval();
        noGrad = no_grad();
    }

    public void Dispose()
    {
        noGrad.Dispose();
        module.train(wasTraining);
    }
}
