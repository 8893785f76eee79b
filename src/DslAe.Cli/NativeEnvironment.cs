using System.Runtime.InteropServices;

namespace DslAe.Cli;

/// <summary>
/// Environment settings that must reach native libraries before libtorch loads (libgomp, the OpenMP runtime TorchSharp's
/// libtorch bundles, reads them once, when it is loaded). .NET's
/// Environment.SetEnvironmentVariable does not change the process environment that native code reads on Linux,
/// so libc's setenv is called directly.
/// </summary>
internal static class NativeEnvironment
{
    /// <summary>
    /// libtorch's OpenMP threads (libgomp, in Debian's and PyTorch's builds) spin up to 300,000 rounds while they
    /// wait for each other. When other processes compete for the cores (a build, a second training run, a shared
    /// CI runner), a spinning thread holds the core its partner needs. FashionAe's step (examples/, 2 cores,
    /// ms/step, two rounds under changing load from other processes):
    /// fully active 1114 / 14.7, libgomp's default 76.8 / 17.2, 20,000 rounds 20.5 / 21.4, passive 26.9 / 21.8.
    /// A short spin keeps most of the quiet-machine speed and none of the collapse; the user's own setting wins.
    /// </summary>
    public static void ShortOpenMpSpin()
    {
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null) return;
        SetDefault("GOMP_SPINCOUNT", "20000");
    }

    private static void SetDefault(string name, string value)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(name) is not null) return;
        try
        {
            SetEnv(name, value, 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without libc's setenv the run is only slower, never wrong.
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
