using System.Runtime.InteropServices;

namespace DslAe.Cli;

/// <summary>
/// Environment settings that must reach native libraries before libtorch loads. .NET's
/// Environment.SetEnvironmentVariable does not change the process environment that native code reads on Linux,
/// so libc's setenv is called directly.
/// </summary>
internal static class NativeEnvironment
{
    /// <summary>
    /// OpenBLAS's own threads oversubscribe the cores next to libtorch's OpenMP threads (p90 step time 10x worse
    /// on 2 cores, docs/performance.md): unless the user chose a value, OpenBLAS gets one thread. OpenBLAS reads the
    /// variable when it loads, which is at the first tensor operation, after this runs.
    /// </summary>
    public static void LimitBlasThreads()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") is not null) return;
        try
        {
            SetEnv("OPENBLAS_NUM_THREADS", "1", 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without libc's setenv the run is only slower, never wrong.
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
