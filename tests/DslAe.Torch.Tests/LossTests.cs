using static DslAe.Torch.Functional;

namespace DslAe.Torch.Tests;

public class LossTests
{
    private static readonly Dictionary<string, (Func<Tensor, Tensor, Tensor, Reduction, Tensor> Ours, string Python)> Cases = new()
    {
        ["mse"] = ((x, y, _, r) => MseLoss(x, y, r), "F.mse_loss(x, y, reduction=red)"),
        ["l1"] = ((x, y, _, r) => L1Loss(x, y, r), "F.l1_loss(x, y, reduction=red)"),
        ["smooth_l1"] = ((x, y, _, r) => SmoothL1Loss(x, y, r, beta: 0.5), "F.smooth_l1_loss(x, y, reduction=red, beta=0.5)"),
        ["huber"] = ((x, y, _, r) => HuberLoss(x, y, r, delta: 0.7), "F.huber_loss(x, y, reduction=red, delta=0.7)"),
        ["bce"] = ((x, y, w, r) => BinaryCrossEntropy(x.Sigmoid(), (y + 1) / 2, w, r), "F.binary_cross_entropy(x.sigmoid(), (y + 1) / 2, w, reduction=red)"),
        ["bce_with_logits"] = ((x, y, w, r) => BinaryCrossEntropyWithLogits(x, (y + 1) / 2, w, w.Abs() + 0.5, r),
            "F.binary_cross_entropy_with_logits(x, (y + 1) / 2, w, pos_weight=w.abs() + 0.5, reduction=red)"),
        ["cross_entropy"] = ((x, _, w, r) => CrossEntropy(x, Classes(), w.Abs(), r, labelSmoothing: 0.1),
            "F.cross_entropy(x, classes, w.abs(), reduction=red, label_smoothing=0.1)"),
        ["cross_entropy_ignore_index"] = ((x, _, _, r) => CrossEntropy(x, Classes(), reduction: r, ignoreIndex: 2),
            "F.cross_entropy(x, classes, reduction=red, ignore_index=2)"),
        ["nll"] = ((x, _, w, r) => NllLoss(LogSoftmax(x, 1), Classes(), w.Abs(), r), "F.nll_loss(F.log_softmax(x, 1), classes, w.abs(), reduction=red)"),
        ["kl_div"] = ((x, y, _, r) => KlDiv(LogSoftmax(x, 1), Softmax(y, 1), r), "F.kl_div(F.log_softmax(x, 1), F.softmax(y, 1), reduction=red)"),
        ["kl_div_log_target"] = ((x, y, _, r) => KlDiv(LogSoftmax(x, 1), LogSoftmax(y, 1), r, logTarget: true),
            "F.kl_div(F.log_softmax(x, 1), F.log_softmax(y, 1), reduction=red, log_target=True)"),
    };

    // Inputs (N=4, C=3, 2x2 map), class targets of shape (4, 2, 2) for the classification losses.
    private static readonly long[] Shape = [4, 3, 2, 2];
    private static readonly long[] ClassValues = [0, 2, 1, 1, 2, 0, 0, 1, 2, 2, 1, 0, 0, 0, 2, 1];

    private static Tensor Classes() => Torch.FromArray(ClassValues, [4, 2, 2]);

    public static TheoryData<string, Reduction> CaseNames()
    {
        var data = new TheoryData<string, Reduction>();
        foreach (var name in Cases.Keys)
            foreach (var r in Enum.GetValues<Reduction>()) data.Add(name, r);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Loss_matches_PyTorch(string name, Reduction reduction)
    {
        using var scope = Torch.NewDisposeScope();
        var (x, px) = Given.Wave(Shape);
        var (y, py) = Given.Wave(Shape, phase: 0.7);
        var weightShape = name.StartsWith("bce", StringComparison.Ordinal) ? Shape : [3L];
        var (w, pw) = Given.Wave(weightShape, phase: 1.3);
        var (ours, python) = Cases[name];
        var red = reduction.ToString().ToLowerInvariant();
        Expect.Close(ours(x, y, w, reduction), $"""
            x = {px}
            y = {py}
            w = {pw}
            classes = torch.tensor([{string.Join(", ", ClassValues)}]).reshape(4, 2, 2)
            red = '{red}'
            result = {python}
            """, tolerance: 1e-5);
    }
}
