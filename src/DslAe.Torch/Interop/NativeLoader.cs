using System.Reflection;
using System.Runtime.InteropServices;

namespace DslAe.Torch.Interop;

/// <summary>
/// Finds and loads libdslae_torch.so. A load failure becomes a <see cref="TorchLoadException"/> that names
/// the file tried, the libtorch the shim was built against and the fix, instead of .NET's bare
/// DllNotFoundException (the most common complaint of TorchSharp users).
/// </summary>
public static class NativeLoader
{
    internal const string LibraryName = "dslae_torch";
    public const string FileName = "libdslae_torch.so";

    private static readonly object Gate = new();
    private static IntPtr loaded;

    /// <summary>The libtorch version the shim was compiled against (from the build).</summary>
    public static string BuiltAgainstVersion => NativeBuildInfo.LibTorchVersion;

    /// <summary>The libtorch library folder the shim was compiled against and whose path is its RPATH.</summary>
    public static string BuiltAgainstLibDir => NativeBuildInfo.LibTorchLibDir;

    internal static void Install(Assembly assembly) => NativeLibrary.SetDllImportResolver(assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName) return IntPtr.Zero;
        lock (Gate)
        {
            if (loaded == IntPtr.Zero) loaded = Load(DefaultPath());
            return loaded;
        }
    }

    /// <summary>The shim beside DslAe.Torch.dll, where the build copies it; DSLAE_TORCH_NATIVE overrides it.</summary>
    public static string DefaultPath()
    {
        var overridePath = Environment.GetEnvironmentVariable("DSLAE_TORCH_NATIVE");
        if (!string.IsNullOrEmpty(overridePath)) return overridePath;
        var folder = Path.GetDirectoryName(typeof(NativeLoader).Assembly.Location);
        return Path.Combine(string.IsNullOrEmpty(folder) ? AppContext.BaseDirectory : folder, FileName);
    }

    /// <summary>Loads the shim at <paramref name="path"/> or throws a <see cref="TorchLoadException"/> explaining why not.</summary>
    public static IntPtr Load(string path)
    {
        if (!File.Exists(path))
            throw new TorchLoadException(path, "the file does not exist",
                $"build the project that references DslAe.Torch with `dotnet build` (it compiles {FileName} and copies it beside DslAe.Torch.dll)");
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            // dlopen's message says which dependency is missing (typically libtorch.so after the
            // libtorch it was built against moved or was uninstalled).
            throw new TorchLoadException(path, e.Message,
                $"make sure {BuiltAgainstLibDir} still holds libtorch.so (run ./build.sh, which installs libtorch-dev), " +
                "or set LIBTORCH=<folder with include/ and lib/> and rebuild with `dotnet build`");
        }
    }
}
