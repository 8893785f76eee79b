using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslAe;

/// <summary>
/// GLO's codes: one row per training image, a parameter of the model (so checkpoints and weights files hold them), with
/// its own Adam whose moments and step counts are buffers beside it, per row. Only the rows of a batch change in a
/// step, as in PyTorch's SparseAdam: a dense Adam would keep moving every code by its stale momentum. After each step
/// the rows are projected onto the unit ball, z / max(‖z‖₂, 1), as the paper does.
/// </summary>
public sealed class LearnedCodeTable : nn.Module
{
    // Buffers are looked up by name when used: TorchSharp's to() (device, dtype) replaces them, and the table, with new
    // tensors (the table's property has a setter for that).

    /// <summary>A table holding <paramref name="initial"/> ([N, D]), projected onto the unit ball, with fresh Adam state.</summary>
    public LearnedCodeTable(Tensor initial) : base("Codes")
    {
        if (initial.dim() != 2) throw new ArgumentException($"learned codes are [images, dims]; got [{string.Join(", ", initial.shape)}]", nameof(initial));
        using (no_grad())
        {
            Table = new Parameter(ProjectOntoUnitBall(initial.detach()).contiguous(), requires_grad: true);
        }
        Table.DetachFromDisposeScope();
        register_parameter("Table", Table);
        register_buffer("Moment1", zeros_like(Table).DetachFromDisposeScope());
        register_buffer("Moment2", zeros_like(Table).DetachFromDisposeScope());
        register_buffer("Steps", zeros(Table.size(0), ScalarType.Int64, Table.device).DetachFromDisposeScope());
    }

    /// <summary>The codes, [N, D].</summary>
    public Parameter Table { get; private set; }

    /// <summary>How many training images have a code.</summary>
    public long Count => Table.size(0);

    /// <summary>The rows of <paramref name="indices"/>, in the autograd graph of the Table.</summary>
    public Tensor Rows(Tensor indices) => Table.index_select(0, indices);

    /// <summary>
    /// One Adam step on the rows of <paramref name="indices"/> (distinct) from the table's gradient, then their projection;
    /// the gradient is cleared. Bias correction counts each row's own steps.
    /// </summary>
    public void Step(Tensor indices, double lr, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (Table.grad is not { } grad) return;
        var (moment1, moment2, steps) = (get_buffer("Moment1")!, get_buffer("Moment2")!, get_buffer("Steps")!);
        var g = grad.index_select(0, indices);
        var m = moment1.index_select(0, indices).mul_(beta1).add_(g, alpha: 1 - beta1);
        var v = moment2.index_select(0, indices).mul_(beta2).addcmul_(g, g, value: 1 - beta2);
        var t = steps.index_select(0, indices).add_(1);
        var correction1 = 1 - pow(beta1, t.to(ScalarType.Float64)).to(Table.dtype).unsqueeze(1);
        var correction2 = 1 - pow(beta2, t.to(ScalarType.Float64)).to(Table.dtype).unsqueeze(1);
        var updated = Table.index_select(0, indices) - lr * (m / correction1) / ((v / correction2).sqrt() + eps);
        Table.index_copy_(0, indices, ProjectOntoUnitBall(updated));
        moment1.index_copy_(0, indices, m);
        moment2.index_copy_(0, indices, v);
        steps.index_copy_(0, indices, t);
        grad.zero_();
    }

    /// <summary>z / max(‖z‖₂, 1) for each row.</summary>
    public static Tensor ProjectOntoUnitBall(Tensor codes) => codes / codes.norm(1, keepdim: true).clamp_min(1.0);

    /// <inheritdoc />
    protected override void RegisterComponents()
    {
    }
}
