namespace DslAe.Torch;

/// <summary>A libtorch operation failed; <see cref="Exception.Message"/> is libtorch's own message.</summary>
public class TorchException(string message) : Exception(message);

/// <summary>The native shim or the libtorch it depends on could not be loaded.</summary>
public sealed class TorchLoadException(string path, string reason, string fix)
    : Exception($"Cannot load the libtorch shim '{path}': {reason}. It was built against libtorch {NativeBuildInfo.LibTorchVersion} " +
                $"in {NativeBuildInfo.LibTorchLibDir}. Fix: {fix}.")
{
    /// <summary>The file that was tried.</summary>
    public string Path { get; } = path;
}
