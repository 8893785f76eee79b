using System.Globalization;
using System.Text;

namespace DslAe;

/// <summary>
/// One row of a model summary: a stage, its kind, its output shape, its parameter count and what it costs per sample,
/// all computed at compile time (the generator's cost model, docs/ide.md#cost).
/// </summary>
/// <param name="Stage">The stage's name.</param>
/// <param name="Kind">The stage's kind, e.g. "Conv".</param>
/// <param name="OutputShape">The stage's output shape without the batch dimension.</param>
/// <param name="Parameters">The stage's parameter count.</param>
/// <param name="ForwardFlops">Forward FLOPs per sample: 2 per multiply-add of convolutions, transposed convolutions and dense layers.</param>
/// <param name="TrainingFlops">FLOPs per sample of a training step (forward, the weights' and the input's gradients).</param>
/// <param name="SavedBytes">Bytes per sample of this stage's tensors that autograd keeps for the backward pass.</param>
/// <param name="ForwardBytes">Bytes per sample of every tensor this stage creates in a forward pass.</param>
public sealed record SummaryRow(string Stage, string Kind, int[] OutputShape, long Parameters,
                                long ForwardFlops = 0, long TrainingFlops = 0, long SavedBytes = 0, long ForwardBytes = 0)
{
    /// <summary>Output shape as text, e.g. "32x14x14".</summary>
    public string ShapeText => string.Join("x", OutputShape);
}

/// <summary>
/// The table Keras users know from <c>model.summary()</c>, with what Keras does not print: each stage's FLOPs and
/// activation memory. Generated models carry one computed at compile time; the runtime can compute the parameter
/// counts from a live module to prove they agree.
/// </summary>
/// <param name="model">The model's name.</param>
/// <param name="input">The input shape of one sample: channels, height, width.</param>
/// <param name="rows">One row per stage, in order.</param>
/// <param name="inputSavedBytes">The input's bytes per sample when autograd keeps it (a pixel loss's target).</param>
/// <param name="stepBytes">Bytes per sample a training step holds at its peak, weights, gradients and optimiser state aside.</param>
public sealed class ModelSummary(string model, int[] input, IReadOnlyList<SummaryRow> rows, long inputSavedBytes = 0, long stepBytes = 0)
{
    /// <summary>The model's name.</summary>
    public string Model { get; } = model;
    /// <summary>The input shape of one sample: channels, height, width.</summary>
    public int[] Input { get; } = input;
    /// <summary>One row per stage, in order.</summary>
    public IReadOnlyList<SummaryRow> Rows { get; } = rows;
    /// <summary>The sum of the rows' parameter counts.</summary>
    public long TotalParameters => Rows.Sum(r => r.Parameters);
    /// <summary>Forward FLOPs per sample.</summary>
    public long ForwardFlops => Rows.Sum(r => r.ForwardFlops);
    /// <summary>Training-step FLOPs per sample.</summary>
    public long TrainingFlops => Rows.Sum(r => r.TrainingFlops);
    /// <summary>Bytes per sample autograd keeps between forward and backward: the stages' and the input's.</summary>
    public long SavedBytes => Rows.Sum(r => r.SavedBytes) + InputSavedBytes;
    /// <summary>The input's bytes per sample when autograd keeps it.</summary>
    public long InputSavedBytes { get; } = inputSavedBytes;
    /// <summary>Bytes per sample of every intermediate tensor of one forward pass.</summary>
    public long ForwardBytes => Rows.Sum(r => r.ForwardBytes);
    /// <summary>
    /// Bytes per sample a training step holds at its peak (every tensor of its forward pass, the input and target,
    /// twice the largest tensor for backward), weights, gradients and optimiser state aside: the estimate a memory
    /// budget is checked with (DSLAE032).
    /// </summary>
    public long StepBytes { get; } = stepBytes;

    /// <summary>
    /// The table as text: a heading with the input shape, one line per stage (parameters, FLOPs per sample of the
    /// forward pass and of a training step, bytes kept for backward and created by the forward pass), and the totals.
    /// </summary>
    public override string ToString()
    {
        var stageWidth = Math.Max("stage".Length, Rows.Select(r => r.Stage.Length).DefaultIfEmpty(0).Max());
        var kindWidth = Math.Max("kind".Length, Rows.Select(r => r.Kind.Length).DefaultIfEmpty(0).Max());
        var shapeWidth = Math.Max("output".Length, Rows.Select(r => r.ShapeText.Length).DefaultIfEmpty(0).Max());
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Model}  (input {string.Join("x", Input)}; FLOPs and bytes per sample)\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"stage".PadRight(stageWidth)}  {"kind".PadRight(kindWidth)}  {"output".PadRight(shapeWidth)}  {"params",12}  {"FLOPs",9}  {"train FLOPs",11}  {"kept",10}  {"forward",10}\n");
        foreach (var r in Rows)
            sb.Append(CultureInfo.InvariantCulture, $"{r.Stage.PadRight(stageWidth)}  {r.Kind.PadRight(kindWidth)}  {r.ShapeText.PadRight(shapeWidth)}  {r.Parameters,12:N0}  {Flops(r.ForwardFlops),9}  {Flops(r.TrainingFlops),11}  {Bytes(r.SavedBytes),10}  {Bytes(r.ForwardBytes),10}\n");
        if (InputSavedBytes > 0)
            sb.Append(CultureInfo.InvariantCulture, $"{"(input)".PadRight(stageWidth + kindWidth + shapeWidth + 4)}  {"",12}  {"",9}  {"",11}  {Bytes(InputSavedBytes),10}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"total".PadRight(stageWidth + kindWidth + shapeWidth + 4)}  {TotalParameters,12:N0}  {Flops(ForwardFlops),9}  {Flops(TrainingFlops),11}  {Bytes(SavedBytes),10}  {Bytes(ForwardBytes),10}\n");
        return sb.ToString();
    }

    /// <summary>
    /// One line of what a batch costs: "batch 64: training step 807 MFLOPs, 14.5 MiB of tensors at its peak (6.95 MiB
    /// kept for backward); forward 10.8 MiB of tensors", the per-sample totals times <paramref name="batch"/>.
    /// </summary>
    public string AtBatch(int batch) => string.Create(CultureInfo.InvariantCulture,
        $"batch {batch}: training step {Flops(TrainingFlops * batch)}FLOPs, {Bytes(StepBytes * batch)} of tensors at its peak ({Bytes(SavedBytes * batch)} kept for backward); forward {Bytes(ForwardBytes * batch)} of tensors\n");

    /// <summary>"112.9 K", "4.24 M", "1.2 G": three significant digits.</summary>
    public static string Flops(long flops) => Scaled(flops, 1000, [" ", " K", " M", " G", " T"]);

    /// <summary>"27.8 KiB", "7.0 MiB".</summary>
    public static string Bytes(long bytes) => Scaled(bytes, 1024, [" B", " KiB", " MiB", " GiB", " TiB"]);

    private static string Scaled(long value, double step, string[] units)
    {
        var scaled = (double)value;
        var unit = 0;
        while (Math.Abs(scaled) >= step && unit < units.Length - 1)
        {
            scaled /= step;
            unit++;
        }

        var format = unit == 0 ? "0" : scaled >= 100 ? "0" : scaled >= 10 ? "0.0" : "0.00";
        return scaled.ToString(format, CultureInfo.InvariantCulture) + units[unit];
    }
}
