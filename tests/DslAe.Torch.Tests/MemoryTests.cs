using System.Diagnostics;
using DslAe.Torch.Nn;
using DslAe.Torch.Optim;
using Xunit.Abstractions;

namespace DslAe.Torch.Tests;

public class MemoryTests(ITestOutputHelper output)
{
    private const int WarmUp = 500;
    private const int Iterations = 5000;
    private const long BoundKiB = 16 * 1024;

    [Fact]
    public void Training_a_conv_net_in_dispose_scopes_keeps_resident_memory_flat()
    {
        Torch.ManualSeed(0);
        using var model = new Sequential(
            new Conv2d(1, 8, 3, stride: 2, padding: 1), Activation.Relu(),
            new ConvTranspose2d(8, 1, 3, stride: 2, padding: 1, outputPadding: 1), Activation.Sigmoid());
        using var opt = new Adam(model.Parameters(), lr: 1e-3);
        using var data = Torch.Rand([8, 1, 16, 16]);

        double firstLoss = 0, lastLoss = 0;
        long afterWarmUp = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < WarmUp + Iterations; i++)
        {
            using var scope = Torch.NewDisposeScope();
            opt.ZeroGrad();
            var loss = Functional.MseLoss(model.Forward(data), data);
            loss.Backward();
            opt.Step();
            if (i == 0) firstLoss = loss.Item<float>();
            if (i == WarmUp - 1)
            {
                // Collect so that managed garbage does not count as native growth.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                afterWarmUp = ResidentKiB();
                watch.Restart();
            }
            if (i == WarmUp + Iterations - 1) lastLoss = loss.Item<float>();
        }
        var perStep = watch.Elapsed.TotalMicroseconds / Iterations;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var atEnd = ResidentKiB();
        output.WriteLine($"VmRSS after {WarmUp} warm-up steps: {afterWarmUp / 1024.0:F1} MiB; after {Iterations} more: {atEnd / 1024.0:F1} MiB; " +
                         $"growth {(atEnd - afterWarmUp) / 1024.0:F2} MiB; {perStep:F0} µs/step; loss {firstLoss:F4} → {lastLoss:F4}");
        Assert.True(atEnd - afterWarmUp < BoundKiB, $"resident memory grew by {(atEnd - afterWarmUp) / 1024.0:F1} MiB over {Iterations} steps (bound {BoundKiB / 1024} MiB)");
        Assert.True(lastLoss < firstLoss, "the model should have learned something");
    }

    [Fact]
    public void Tensors_freed_by_scopes_return_their_memory()
    {
        GC.Collect();
        var before = ResidentKiB();
        for (var i = 0; i < 200; i++)
        {
            using var scope = Torch.NewDisposeScope();
            _ = Torch.Ones([1024, 1024]) * 2; // 2 × 4 MiB per iteration, 1.6 GiB in total if leaked
        }
        var after = ResidentKiB();
        output.WriteLine($"VmRSS before {before / 1024.0:F1} MiB, after 200 × 8 MiB of scoped tensors {after / 1024.0:F1} MiB");
        Assert.True(after - before < 64 * 1024, $"resident memory grew by {(after - before) / 1024.0:F1} MiB");
    }

    private static long ResidentKiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
