using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace DslAe.Tests.Engine;

/// <summary>
/// Runs snippets in Debian's PyTorch (/usr/bin/python3, torch 1.13) through one long-lived Python process: importing
/// torch costs about 1.5 s, so starting one per case would dominate the run. A snippet assigns <c>result</c>; tensors
/// come back as {shape, data} in float64 (exact for float32 results), lists and dicts element by element.
/// </summary>
public static class PythonReference
{
    public const string Python = "/usr/bin/python3";

    private const string Driver = """
        import sys, json, math, struct
        try:
            import torch
        except ImportError as e:
            print(json.dumps({"ok": False, "error": "python3-torch is missing (" + str(e) + "): install it with `sudo apt-get install python3-torch` or run ./build.sh"}), flush=True)
            sys.exit(0)
        torch.set_num_threads(1)
        import torch.nn.functional as F
        def conv(v):
            if isinstance(v, torch.Tensor):
                return {"shape": list(v.shape), "data": v.detach().double().flatten().tolist()}
            if isinstance(v, (list, tuple)):
                return [conv(x) for x in v]
            if isinstance(v, dict):
                return {str(k): conv(x) for k, x in v.items()}
            return v
        print(json.dumps({"ok": True, "result": "ready"}), flush=True)
        for line in sys.stdin:
            env = {"torch": torch, "F": F, "math": math, "json": json, "struct": struct}
            try:
                exec(json.loads(line), env)
                out = {"ok": True, "result": conv(env.get("result"))}
            except Exception as e:
                out = {"ok": False, "error": type(e).__name__ + ": " + str(e)}
            print(json.dumps(out), flush=True)
        """;

    private static readonly Lock Gate = new();
    private static Process? process;

    /// <summary>Runs <paramref name="code"/> and returns its <c>result</c>.</summary>
    public static JsonElement Run(string code)
    {
        lock (Gate)
        {
            var p = Start();
            p.StandardInput.WriteLine(JsonSerializer.Serialize(code));
            p.StandardInput.Flush();
            return Read(p, code);
        }
    }

    /// <summary>The snippet's result read as a tensor in float64.</summary>
    public static (long[] Shape, double[] Data) RunTensor(string code) => AsTensor(Run(code));

    public static (long[] Shape, double[] Data) AsTensor(JsonElement e) =>
        (e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray(),
         e.GetProperty("data").EnumerateArray().Select(ReadDouble).ToArray());

    /// <summary>A JSON list of numbers (or of "NaN"/"Infinity" strings) as doubles.</summary>
    public static double[] AsDoubles(JsonElement e) => e.EnumerateArray().Select(ReadDouble).ToArray();

    private static double ReadDouble(JsonElement x) =>
        x.ValueKind == JsonValueKind.Number ? x.GetDouble() : double.Parse(x.GetString()!, CultureInfo.InvariantCulture);

    private static Process Start()
    {
        if (process is { HasExited: false }) return process;
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} not found: the reference tests need Debian's python3 with python3-torch (run ./build.sh, which installs them)");
        var info = new ProcessStartInfo(Python, ["-u", "-c", Driver])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        info.Environment["OPENBLAS_NUM_THREADS"] = "1";
        info.Environment["OMP_NUM_THREADS"] = "1";
        process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Python}");
        Read(process, "import torch");
        return process;
    }

    private static JsonElement Read(Process p, string code)
    {
        var line = p.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"{Python} exited while running:\n{code}");
        // NaN and Infinity are valid Python JSON but not strict JSON: quote them (a tensor's data holds numbers only).
        line = line.Replace("-Infinity", "\"-Infinity\"").Replace("NaN", "\"NaN\"");
        line = System.Text.RegularExpressions.Regex.Replace(line, "(?<![-\"])Infinity", "\"Infinity\"");
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (!root.GetProperty("ok").GetBoolean())
            throw new InvalidOperationException($"PyTorch reference failed: {root.GetProperty("error").GetString()}\n--- snippet ---\n{code}");
        return root.GetProperty("result").Clone();
    }
}
