using DslAe.Torch.Interop;

namespace DslAe.Torch.Optim;

/// <summary>Stochastic gradient descent with momentum, dampening, Nesterov and weight decay (torch.optim.SGD).</summary>
public sealed class Sgd : Optimizer
{
    public Sgd(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, bool nesterov = false, double weightDecay = 0, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, momentum, dampening, nesterov, weightDecay, maximize) { }

    public Sgd(IEnumerable<ParamGroup> groups, double lr, double momentum = 0, double dampening = 0, bool nesterov = false, double weightDecay = 0, bool maximize = false)
        : base(groups, lr, weightDecay, new Dictionary<string, double>
        {
            ["momentum"] = momentum, ["dampening"] = dampening, ["nesterov"] = nesterov ? 1 : 0, ["maximize"] = maximize ? 1 : 0,
        }) { }

    protected override void Validate(ParamGroup group)
    {
        if (group["nesterov"] != 0 && (group["momentum"] <= 0 || group["dampening"] != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
    }

    protected override void Update(ParamGroup group, Tensor parameter, Tensor grad, ParamState state)
    {
        var buffer = state.Tensors.GetValueOrDefault("momentum_buffer");
        var handle = buffer?.Handle.DangerousGetHandle() ?? IntPtr.Zero;
        Native.Check(Native.dslae_sgd_step(parameter.Handle, grad.Handle, ref handle, group.Lr, group["momentum"], group["dampening"],
            group.WeightDecay, (int)group["nesterov"], (int)group["maximize"]));
        // The native step creates the buffer on the first step with momentum.
        if (buffer is null && handle != IntPtr.Zero) state.Tensors["momentum_buffer"] = Keep(new Tensor(handle));
        GC.KeepAlive(buffer);
        state.Step++;
    }
}
