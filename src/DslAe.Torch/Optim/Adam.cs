using DslAe.Torch.Interop;

namespace DslAe.Torch.Optim;

/// <summary>Adam (torch.optim.Adam): L2 weight decay added to the gradient; optional AMSGrad.</summary>
public class Adam : Optimizer
{
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay, amsgrad, maximize) { }

    public Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : base(groups, lr, weightDecay, new Dictionary<string, double>
        {
            ["beta1"] = beta1, ["beta2"] = beta2, ["eps"] = eps, ["amsgrad"] = amsgrad ? 1 : 0, ["maximize"] = maximize ? 1 : 0,
        }) { }

    /// <summary>AdamW decouples weight decay (param *= 1 − lr·wd) instead of adding it to the gradient.</summary>
    protected virtual bool DecoupledWeightDecay => false;

    protected override void Validate(ParamGroup group)
    {
        if (group["beta1"] is < 0 or >= 1 || group["beta2"] is < 0 or >= 1)
            throw new ArgumentException($"Adam betas must lie in [0, 1), got ({group["beta1"]}, {group["beta2"]})");
        if (group["eps"] < 0) throw new ArgumentException($"Adam eps must be non-negative, got {group["eps"]}");
    }

    protected override void Update(ParamGroup group, Tensor parameter, Tensor grad, ParamState state)
    {
        var amsgrad = group["amsgrad"] != 0;
        if (!state.Tensors.TryGetValue("exp_avg", out var expAvg))
        {
            state.Tensors["exp_avg"] = expAvg = Keep(parameter.ZerosLike());
            state.Tensors["exp_avg_sq"] = Keep(parameter.ZerosLike());
        }
        if (amsgrad && !state.Tensors.ContainsKey("max_exp_avg_sq")) state.Tensors["max_exp_avg_sq"] = Keep(parameter.ZerosLike());
        state.Step++;
        Native.Check(Native.dslae_adam_step(parameter.Handle, grad.Handle, expAvg.Handle, state.Tensors["exp_avg_sq"].Handle,
            amsgrad ? state.Tensors["max_exp_avg_sq"].Handle : TensorHandle.Null, state.Step, group.Lr, group["beta1"], group["beta2"],
            group["eps"], group.WeightDecay, DecoupledWeightDecay ? 1 : 0, (int)group["maximize"]));
    }
}

/// <summary>AdamW (torch.optim.AdamW): Adam with decoupled weight decay, default 0.01.</summary>
public sealed class AdamW : Adam
{
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize) { }

    public AdamW(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(groups, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize) { }

    protected override bool DecoupledWeightDecay => true;
}
