using System.Runtime.InteropServices;

namespace DslAe.Data;

/// <summary>
/// JPEG reading and writing through libjpeg-turbo's TurboJPEG API (libturbojpeg.so.0, Debian package
/// libturbojpeg0), which reports errors as return codes with a message instead of longjmp, so it can be called
/// directly from C#. TurboJPEG converts colour to grey itself.
/// </summary>
public static class Jpeg
{
    private const string LibTurboJpeg = "libturbojpeg.so.0";
    private const int PixelFormatRgb = 0;   // TJPF_RGB
    private const int PixelFormatGray = 6;  // TJPF_GRAY
    private const int SubsamplingGray = 3;  // TJSAMP_GRAY
    private const int Subsampling444 = 0;   // TJSAMP_444

    /// <summary>Decodes <paramref name="path"/> to 1 (grey) or 3 (RGB) channels of 8 bits.</summary>
    public static ImagePixels Read(string path, int channels)
    {
        var format = FormatFor(channels);
        if (!File.Exists(path)) throw new DataFileException(path, "file not found");
        var data = File.ReadAllBytes(path);
        var handle = Call(Native.InitDecompress);
        try
        {
            if (Native.DecompressHeader3(handle, data, (nuint)data.Length, out var width, out var height, out _, out _) != 0)
                throw new DataFileException(path, $"not a readable JPEG file (libjpeg-turbo: {Error(handle)})");
            var pixels = new byte[checked((long)width * height * channels)];
            if (Native.Decompress2(handle, data, (nuint)data.Length, pixels, width, 0, height, format, 0) != 0)
                throw new DataFileException(path, $"corrupt or truncated JPEG data (libjpeg-turbo: {Error(handle)})");
            return new ImagePixels(width, height, channels, pixels);
        }
        finally
        {
            Native.Destroy(handle);
        }
    }

    /// <summary>Encodes 8-bit grey or RGB pixels to <paramref name="path"/> at <paramref name="quality"/> (1–100), without chroma subsampling.</summary>
    public static void Write(string path, ImagePixels image, int quality = 95)
    {
        var format = FormatFor(image.Channels);
        var handle = Call(Native.InitCompress);
        var buffer = IntPtr.Zero;
        try
        {
            nuint size = 0;
            if (Native.Compress2(handle, image.Pixels, image.Width, 0, image.Height, format, ref buffer, ref size,
                                 image.Channels == 1 ? SubsamplingGray : Subsampling444, quality, 0) != 0)
                throw new IOException($"cannot encode JPEG '{path}' (libjpeg-turbo: {Error(handle)})");
            var bytes = new byte[(int)size];
            Marshal.Copy(buffer, bytes, 0, bytes.Length);
            File.WriteAllBytes(path, bytes);
        }
        finally
        {
            if (buffer != IntPtr.Zero) Native.Free(buffer);
            Native.Destroy(handle);
        }
    }

    private static IntPtr Call(Func<IntPtr> init)
    {
        IntPtr handle;
        try
        {
            handle = init();
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException($"{LibTurboJpeg} is missing: JPEG images need libjpeg-turbo's TurboJPEG library (`sudo apt-get install libturbojpeg0`), or convert them to PNG", e);
        }
        if (handle == IntPtr.Zero) throw new InvalidOperationException($"libjpeg-turbo could not create a handle: {Marshal.PtrToStringUTF8(Native.GetErrorStr2(IntPtr.Zero))}");
        return handle;
    }

    private static string Error(IntPtr handle) => Marshal.PtrToStringUTF8(Native.GetErrorStr2(handle)) ?? "unknown error";

    private static int FormatFor(int channels) => channels switch
    {
        1 => PixelFormatGray,
        3 => PixelFormatRgb,
        _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "JPEG images are read and written with 1 (grey) or 3 (RGB) channels"),
    };

    private static class Native
    {
        [DllImport(LibTurboJpeg, EntryPoint = "tjInitDecompress")]
        public static extern IntPtr InitDecompress();

        [DllImport(LibTurboJpeg, EntryPoint = "tjInitCompress")]
        public static extern IntPtr InitCompress();

        [DllImport(LibTurboJpeg, EntryPoint = "tjDecompressHeader3")]
        public static extern int DecompressHeader3(IntPtr handle, byte[] jpeg, nuint size, out int width, out int height, out int subsampling, out int colorspace);

        [DllImport(LibTurboJpeg, EntryPoint = "tjDecompress2")]
        public static extern int Decompress2(IntPtr handle, byte[] jpeg, nuint size, [Out] byte[] destination, int width, int pitch, int height, int pixelFormat, int flags);

        [DllImport(LibTurboJpeg, EntryPoint = "tjCompress2")]
        public static extern int Compress2(IntPtr handle, byte[] source, int width, int pitch, int height, int pixelFormat, ref IntPtr jpeg, ref nuint size, int subsampling, int quality, int flags);

        [DllImport(LibTurboJpeg, EntryPoint = "tjGetErrorStr2")]
        public static extern IntPtr GetErrorStr2(IntPtr handle);

        [DllImport(LibTurboJpeg, EntryPoint = "tjFree")]
        public static extern void Free(IntPtr buffer);

        [DllImport(LibTurboJpeg, EntryPoint = "tjDestroy")]
        public static extern int Destroy(IntPtr handle);
    }
}
