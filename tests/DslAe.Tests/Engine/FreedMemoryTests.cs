using System.Globalization;
using DslAe.Training;
using static TorchSharp.torch;

namespace DslAe.Tests.Engine;

/// <summary>
/// The trainer returns what an epoch's evaluation freed to the system (issue 15, item 8): glibc keeps freed pages
/// of its heaps below a live allocation for reuse, so they stay resident until <c>malloc_trim</c>.
/// </summary>
public sealed class FreedMemoryTests
{
    [Fact]
    public void Freed_tensors_below_a_live_one_leave_the_resident_set_when_released()
    {
        if (!OperatingSystem.IsLinux()) return;  // the resident set is read from /proc; elsewhere Release does nothing by design
        // 2,000 tensors of 16 KiB (below glibc's mmap threshold: they come from its heap), then one more that stays
        // alive above them, so freeing the others cannot shrink the heap from its top.
        var tensors = Enumerable.Range(0, 2000).Select(_ => ones(4096)).ToList();
        using var above = ones(4096);
        var allocated = ResidentKiB();
        foreach (var t in tensors) t.Dispose();
        var freed = ResidentKiB();

        FreedMemory.Release();
        var released = ResidentKiB();

        Assert.True(freed - released > 16 * 1024,
            $"resident KiB: {allocated} with the tensors, {freed} after freeing them, {released} after Release: it should give back most of their 32 MiB");
    }

    private static long ResidentKiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
