using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DslAe.Metrics;

namespace DslAe.Reports;

/// <summary>
/// metrics.jsonl and steps.jsonl: append-only JSON lines, read back for the report. Non-finite numbers
/// (a PSNR of a perfect reconstruction) are written as JSON null.
/// </summary>
public static class MetricsLog
{
    /// <summary>Appends one epoch as a line of <paramref name="path"/> (metrics.jsonl), flushed to disk.</summary>
    public static void Append(string path, EpochRecord record)
    {
        var line = new JsonObject
        {
            ["epoch"] = record.Epoch,
            ["step"] = record.Step,
            ["lr"] = Number(record.LearningRate),
            ["seconds"] = Number(Math.Round(record.Seconds, 3)),
            ["step_ms"] = Number(Math.Round(record.StepMilliseconds, 3)),
            ["best"] = record.Best,
        };
        if (record.Train is { } train) line["train"] = ToJson(train);
        line["validation"] = ToJson(record.Validation);
        AppendLine(path, line.ToJsonString());
    }

    /// <summary>Appends one loss-curve point as a line of <paramref name="path"/> (steps.jsonl), flushed to disk.</summary>
    public static void Append(string path, StepRecord record) =>
        AppendLine(path, new JsonObject { ["step"] = record.Step, ["epoch"] = record.Epoch, ["loss"] = Number(record.Loss) }.ToJsonString());

    /// <summary>The epochs logged in <paramref name="path"/>, in file order; none when the file does not exist. JSON nulls read back as NaN.</summary>
    public static List<EpochRecord> ReadEpochs(string path) =>
        ReadLines(path).Select(o => new EpochRecord(
            o["epoch"]!.GetValue<int>(),
            o["step"]!.GetValue<long>(),
            Get(o, "lr"),
            Get(o, "seconds"),
            Get(o, "step_ms"),
            o["train"] is JsonObject t ? FromJson(t) : null,
            FromJson(o["validation"]!.AsObject()),
            o["best"]?.GetValue<bool>() ?? false)).ToList();

    /// <summary>The loss-curve points logged in <paramref name="path"/>, in file order; none when the file does not exist.</summary>
    public static List<StepRecord> ReadSteps(string path) =>
        ReadLines(path).Select(o => new StepRecord(o["step"]!.GetValue<long>(), o["epoch"]!.GetValue<int>(), Get(o, "loss"))).ToList();

    /// <summary>
    /// Drops records past a checkpoint's position: a run killed after writing a line but before its
    /// checkpoint repeats that work on resume, and must not log it twice.
    /// </summary>
    public static void TruncateAfter(string path, int lastEpoch, long lastStep)
    {
        if (!File.Exists(path)) return;
        var kept = File.ReadAllLines(path).Where(l => l.Length > 0).Where(l =>
        {
            var o = JsonNode.Parse(l)!.AsObject();
            return o.ContainsKey("validation") ? o["epoch"]!.GetValue<int>() <= lastEpoch : o["step"]!.GetValue<long>() <= lastStep;
        }).ToList();
        File.WriteAllLines(path, kept);
    }

    private static JsonObject ToJson(EvaluationMetrics m)
    {
        var o = new JsonObject();
        foreach (var (k, v) in m.Values()) o[k] = Number(v);
        o["samples"] = m.Samples;
        return o;
    }

    private static EvaluationMetrics FromJson(JsonObject o)
    {
        var terms = o.Where(kv => kv.Key.StartsWith("loss.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key["loss.".Length..], kv => kv.Value?.GetValue<double>() ?? double.NaN);
        return new EvaluationMetrics(Get(o, "loss"), terms, Get(o, "mse"), Get(o, "psnr"), Get(o, "ssim"), o["samples"]?.GetValue<long>() ?? 0)
        {
            Accuracy = Optional(o, "accuracy"),
            MeanIou = Optional(o, "mean_iou"),
            BicubicPsnr = Optional(o, "bicubic_psnr"),
            BicubicSsim = Optional(o, "bicubic_ssim"),
        };
    }

    private static double? Optional(JsonObject o, string key) => o[key]?.GetValue<double>();

    private static double Get(JsonObject o, string key) => o[key]?.GetValue<double>() ?? double.NaN;

    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static IEnumerable<JsonObject> ReadLines(string path)
    {
        if (!File.Exists(path)) yield break;
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            JsonObject o;
            try
            {
                o = JsonNode.Parse(line)!.AsObject();
            }
            catch (JsonException e)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: not a JSON object ({e.Message})"), e);
            }
            yield return o;
        }
    }

    private static void AppendLine(string path, string json)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var bytes = Encoding.UTF8.GetBytes(json + "\n");
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}
