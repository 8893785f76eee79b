using System.Runtime.InteropServices;

namespace DslAe.Bench;

/// <summary>glibc's allocator settings, for measurements of resident memory.</summary>
internal static class Native
{
    /// <summary>glibc's mallopt: <c>M_MMAP_THRESHOLD</c> (-3) fixes the size above which allocations are mmapped (and unmapped when freed).</summary>
    [DllImport("libc", EntryPoint = "mallopt")]
    public static extern int mallopt(int parameter, int value);
}
