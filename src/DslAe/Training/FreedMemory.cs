using System.Runtime.InteropServices;

namespace DslAe.Training;

/// <summary>
/// Gives the memory glibc keeps after native frees back to the system. An epoch's evaluation passes allocate and free
/// tens of megabytes of tensors; glibc keeps the freed pages of its heaps for reuse, and the resident memory then
/// wanders by their size from epoch to epoch (bench/memory/epochs.sh) although nothing is held.
/// </summary>
internal static class FreedMemory
{
    private static bool unavailable;

    /// <summary><c>malloc_trim(0)</c> where the C library has it (glibc); elsewhere nothing.</summary>
    public static void Release()
    {
        if (unavailable || !OperatingSystem.IsLinux()) return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other C libraries: nothing to trim, nothing lost.
            unavailable = true;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
