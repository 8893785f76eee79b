using System.Globalization;
using System.Text;

namespace DslAe;

/// <summary>One row of a model summary: a stage, its kind, its output shape and its parameter count.</summary>
/// <param name="Stage">The stage's name.</param>
/// <param name="Kind">The stage's kind, e.g. "Conv".</param>
/// <param name="OutputShape">The stage's output shape without the batch dimension.</param>
/// <param name="Parameters">The stage's parameter count.</param>
public sealed record SummaryRow(string Stage, string Kind, int[] OutputShape, long Parameters)
{
    /// <summary>Output shape as text, e.g. "32x14x14".</summary>
    public string ShapeText => string.Join("x", OutputShape);
}

/// <summary>
/// The table Keras users know from <c>model.summary()</c>. Generated models carry one computed at compile
/// time; the runtime can compute the same numbers from a live module to prove they agree.
/// </summary>
/// <param name="model">The model's name.</param>
/// <param name="input">The input shape of one sample: channels, height, width.</param>
/// <param name="rows">One row per stage, in order.</param>
public sealed class ModelSummary(string model, int[] input, IReadOnlyList<SummaryRow> rows)
{
    /// <summary>The model's name.</summary>
    public string Model { get; } = model;
    /// <summary>The input shape of one sample: channels, height, width.</summary>
    public int[] Input { get; } = input;
    /// <summary>One row per stage, in order.</summary>
    public IReadOnlyList<SummaryRow> Rows { get; } = rows;
    /// <summary>The sum of the rows' parameter counts.</summary>
    public long TotalParameters => Rows.Sum(r => r.Parameters);

    /// <summary>The table as text: a heading with the input shape, one line per stage, and the total.</summary>
    public override string ToString()
    {
        var stageWidth = Math.Max("stage".Length, Rows.Select(r => r.Stage.Length).DefaultIfEmpty(0).Max());
        var kindWidth = Math.Max("kind".Length, Rows.Select(r => r.Kind.Length).DefaultIfEmpty(0).Max());
        var shapeWidth = Math.Max("output".Length, Rows.Select(r => r.ShapeText.Length).DefaultIfEmpty(0).Max());
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Model}  (input {string.Join("x", Input)})\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"stage".PadRight(stageWidth)}  {"kind".PadRight(kindWidth)}  {"output".PadRight(shapeWidth)}  {"params",12}\n");
        foreach (var r in Rows)
            sb.Append(CultureInfo.InvariantCulture, $"{r.Stage.PadRight(stageWidth)}  {r.Kind.PadRight(kindWidth)}  {r.ShapeText.PadRight(shapeWidth)}  {r.Parameters,12:N0}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"total".PadRight(stageWidth + kindWidth + shapeWidth + 4)}  {TotalParameters,12:N0}\n");
        return sb.ToString();
    }
}
