using System.Diagnostics;
using System.Globalization;
using DslAe.Torch;

// Per-call cost of tiny libtorch ops from C#: the binding's overhead (P/Invoke, handle wrapping,
// disposal) on top of libtorch's own dispatch. bench/percall.sh runs this beside the same loop in
// Python on the same libtorch and prints the ratio.
// Usage: DslAe.Bench [iterations per repeat] [repeats]

var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;

// One intra-op thread: a 1-element op never parallelises, and Python's side does the same.
Torch.SetNumThreads(1);
using var x = Torch.Ones([1]);
using var y = Torch.Ones([1]);

Report("relu", () => { using var r = Functional.Relu(x); });
Report("add", () => { using var r = x + y; });
Report("mul_scalar", () => { using var r = x * 2.0; });

void Report(string name, Action op)
{
    for (var i = 0; i < iterations / 10; i++) op(); // warm-up: JIT tiering, libtorch's allocator caches
    var samples = new double[repeats];
    for (var r = 0; r < repeats; r++)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) op();
        samples[r] = watch.Elapsed.TotalMicroseconds / iterations;
    }
    Array.Sort(samples);
    // Median of the repeats: robust to one repeat disturbed by a GC or the other core's load.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {samples[repeats / 2]:F3}"));
}
