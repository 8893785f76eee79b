using System.Globalization;
using System.Text;

namespace DslAe;

/// <summary>One row of a model summary: a stage, its kind, its output shape and its parameter count.</summary>
public sealed record SummaryRow(string Stage, string Kind, int[] OutputShape, long Parameters)
{
    public string ShapeText => string.Join("x", OutputShape);
}

/// <summary>
/// The table Keras users know from <c>model.summary()</c>. Generated models carry one computed at compile
/// time; the runtime can compute the same numbers from a live module to prove they agree.
/// </summary>
public sealed class ModelSummary(string model, int[] input, IReadOnlyList<SummaryRow> rows)
{
    public string Model { get; } = model;
    public int[] Input { get; } = input;
    public IReadOnlyList<SummaryRow> Rows { get; } = rows;
    public long TotalParameters => Rows.Sum(r => r.Parameters);

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
