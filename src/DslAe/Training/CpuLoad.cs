using System.Globalization;

namespace DslAe.Training;

/// <summary>
/// How busy the machine's cores are with other processes' work, read from Linux's <c>/proc/stat</c> (every process's
/// time on every core) less <c>/proc/self/stat</c> (this process's), both in the kernel's clock ticks.
/// </summary>
public static class CpuLoad
{
    /// <summary>
    /// The cores other processes kept busy, on average, over <paramref name="window"/> (0: idle; 1.5: one and a half
    /// cores); null where the counters cannot be read (not Linux, no /proc).
    /// </summary>
    public static double? OthersBusyCores(TimeSpan window)
    {
        var before = Read();
        if (before is null) return null;
        Thread.Sleep(window);
        var after = Read();
        if (after is null) return null;
        return OthersBusyCores(before.Value, after.Value);
    }

    /// <summary>The cores other processes kept busy between two readings.</summary>
    internal static double? OthersBusyCores(Reading before, Reading after)
    {
        var total = after.AllTicks - before.AllTicks;
        if (total <= 0) return null;
        var others = after.BusyTicks - before.BusyTicks - (after.OwnTicks - before.OwnTicks);
        // Ticks are counted per core: total / cores is the time that passed.
        return Math.Clamp((double)others / total * after.Cores, 0, after.Cores);
    }

    /// <summary>One reading of the counters: every core's busy and total ticks, this process's ticks, and the cores counted.</summary>
    internal readonly record struct Reading(long BusyTicks, long AllTicks, long OwnTicks, int Cores);

    private static Reading? Read()
    {
        try
        {
            return Parse(File.ReadAllText("/proc/stat"), File.ReadAllText("/proc/self/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the aggregate <c>cpu</c> line of /proc/stat (user nice system idle iowait irq softirq steal ...: idle and
    /// iowait are the idle time, guest time is already inside user) and utime + stime, fields 14 and 15, of
    /// /proc/self/stat; null when either is not in that form.
    /// </summary>
    internal static Reading? Parse(string stat, string self)
    {
        var lines = stat.Split('\n');
        var all = lines.FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var cores = lines.Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));
        if (all is null || cores == 0) return null;
        var ticks = Numbers(all.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1));
        if (ticks is null || ticks.Length < 4) return null;
        var idle = ticks[3] + (ticks.Length > 4 ? ticks[4] : 0);
        var busy = ticks.Take(Math.Min(ticks.Length, 8)).Sum() - idle;
        // The process name, field 2, is in parentheses and may hold spaces or parentheses itself: fields are counted
        // from the last ')'. Field 3 (the state) is the first after it, so utime and stime are the 12th and 13th.
        var close = self.LastIndexOf(')');
        if (close < 0) return null;
        var fields = self[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 13) return null;
        var own = Numbers(fields.Skip(11).Take(2));
        if (own is null) return null;
        return new Reading(busy, busy + idle, own.Sum(), cores);
    }

    private static long[]? Numbers(IEnumerable<string> words)
    {
        var values = new List<long>();
        foreach (var word in words)
        {
            if (!long.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return null;
            values.Add(value);
        }
        return [.. values];
    }
}
