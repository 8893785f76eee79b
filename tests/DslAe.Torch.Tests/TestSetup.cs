using System.Runtime.CompilerServices;

namespace DslAe.Torch.Tests;

internal static class TestSetup
{
    // The test machines have 2 cores and libtorch starts with 1 thread; a module initializer is the one
    // place that runs before any test without every class having to remember it.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("OPENBLAS_NUM_THREADS", Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") ?? "1");
        Torch.SetNumThreads(2);
    }
}
