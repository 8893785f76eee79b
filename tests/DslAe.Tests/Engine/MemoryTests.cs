using System.Diagnostics;
using System.Globalization;
using DslAe.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace DslAe.Tests.Engine;

/// <summary>
/// Native memory under a long training loop. Tensors live in libtorch's heap, freed only when disposed; the trainer
/// (and any user loop) disposes a step's temporaries with one dispose scope per step. If anything escaped the
/// scope (a gradient, an optimiser temporary, a module's intermediate), resident memory would climb step after step.
/// </summary>
public sealed class MemoryTests(ITestOutputHelper output)
{
    // Long enough for the one-time growth of the first thousand steps (allocator arenas and caches settling after the
    // tests before this one: +26 MiB by step 1,300, then flat, in one run of the whole assembly) to be over.
    private const int WarmUp = 1300;
    private const int Steps = 5000;
    private const int SampleEvery = 1000;
    private const long BoundKiB = 16 * 1024;

    [Fact]
    public void Training_TinyAe_with_a_dispose_scope_per_step_keeps_resident_memory_flat()
    {
        var images = TestData.Fashion;   // loaded before the clock starts
        // One libtorch thread: with two, libgomp's spinning threads collapse under any other load on a 2-core machine
        // (measured here: 4 ms/step with one thread, 33 ms/step with two while another build ran), and memory, not
        // speed, is under test.
        var threads = get_num_threads();
        set_num_threads(1);
        try
        {
            using var generator = manual_seed(0);
            using var module = TinyAe.Definition.CreateModule();
            using var optimizer = OptimizerFactory.Create(TinyAe.Definition.Training, module.parameters());
            const int batch = 32;
            var batches = (int)(images.Count / batch);

            double firstLoss = 0, lastLoss = 0;
            var settled = new List<(int Step, long KiB)>();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < WarmUp + Steps; i++)
            {
                using (var scope = NewDisposeScope())
                {
                    var x = images.Slice(i % batches * batch, batch);
                    var loss = module.ComputeLoss(x, x).Total;
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                    if (i == 0) firstLoss = loss.item<float>();
                    if (i == WarmUp + Steps - 1) lastLoss = loss.item<float>();
                }
                if (i == WarmUp - 1) watch.Restart();
                if (i >= WarmUp - 1 && (i - WarmUp + 1) % SampleEvery == 0) settled.Add((i + 1, SettledResidentKiB()));
            }
            var perStep = watch.Elapsed.TotalMilliseconds / Steps;
            var baseline = settled[0].KiB;
            var end = settled[^1].KiB;
            // A leak grows with every step, so the end is compared with the lowest level seen before it: resident memory
            // may also fall during the run (glibc returning pages freed by earlier tests), which must not hide a leak.
            var lowest = settled.Min(s => s.KiB);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"VmRSS (MiB, after a full GC) by step: {string.Join(", ", settled.Select(s => $"{s.Step}: {s.KiB / 1024.0:F1}"))}; " +
                $"end − lowest {(end - lowest) / 1024.0:F2} MiB, end − after warm-up {(end - baseline) / 1024.0:F2} MiB (bound {BoundKiB / 1024} MiB); " +
                $"{perStep:F2} ms/step; loss {firstLoss:F4} -> {lastLoss:F4}"));
            Assert.True(end - lowest < BoundKiB, $"resident memory grew by {(end - lowest) / 1024.0:F1} MiB during {Steps} steps (bound {BoundKiB / 1024} MiB)");
            Assert.True(end - baseline < BoundKiB, $"resident memory grew by {(end - baseline) / 1024.0:F1} MiB over {Steps} steps (bound {BoundKiB / 1024} MiB)");
            Assert.True(lastLoss < 0.5 * firstLoss, $"the model should have learned: loss {firstLoss} -> {lastLoss}");
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void Tensors_freed_by_scopes_return_their_memory()
    {
        // 200 × 8 MiB: 1.6 GiB resident at the end if the scope did not free them.
        var before = SettledResidentKiB();
        for (var i = 0; i < 200; i++)
        {
            using var scope = NewDisposeScope();
            _ = ones(1024, 1024) * 2;
        }
        var after = SettledResidentKiB();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"VmRSS before {before / 1024.0:F1} MiB, after 200 × 8 MiB of scoped tensors {after / 1024.0:F1} MiB"));
        Assert.True(after - before < 64 * 1024, $"resident memory grew by {(after - before) / 1024.0:F1} MiB");
    }

    private static long SettledResidentKiB()
    {
        // Managed garbage (finalisable tensor wrappers) is collected first so that it does not count as native growth.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return ResidentKiB();
    }

    private static long ResidentKiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
