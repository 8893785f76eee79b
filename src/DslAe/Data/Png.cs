using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace DslAe.Data;

/// <summary>
/// PNG reading and writing through libpng's simplified API (libpng16.so.16, installed with libpng-dev by
/// ./build.sh). The simplified API reports errors in the image structure instead of longjmp, so it can be
/// called directly from C#. libpng converts colour to grey (and back) itself.
/// </summary>
public static class Png
{
    private const string LibPng = "libpng16.so.16";
    private const uint ImageVersion = 1;          // PNG_IMAGE_VERSION
    private const uint FormatGray = 0;            // PNG_FORMAT_GRAY
    private const uint FormatRgb = 2;             // PNG_FORMAT_RGB (PNG_FORMAT_FLAG_COLOR)

    /// <summary>Decodes <paramref name="path"/> to 1 (grey) or 3 (RGB) channels of 8 bits.</summary>
    public static ImagePixels Read(string path, int channels)
    {
        var format = FormatFor(channels);
        if (!File.Exists(path)) throw new DataFileException(path, "file not found");
        var image = new PngImage { Version = ImageVersion };
        try
        {
            if (Native.BeginReadFromFile(ref image, path) == 0)
                throw new DataFileException(path, $"not a readable PNG file (libpng: {image.ErrorMessage})");
            image.Format = format;
            var pixels = new byte[checked((long)image.Width * image.Height * channels)];
            if (Native.FinishRead(ref image, IntPtr.Zero, pixels, 0, IntPtr.Zero) == 0)
                throw new DataFileException(path, $"corrupt or truncated PNG data (libpng: {image.ErrorMessage})");
            return new ImagePixels((int)image.Width, (int)image.Height, channels, pixels);
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException($"{LibPng} is missing: install libpng (./build.sh installs libpng-dev) to read PNG files", e);
        }
        finally
        {
            Native.Free(ref image);
        }
    }

    /// <summary>Encodes 8-bit grey (1 channel) or RGB (3 channels) pixels to <paramref name="path"/>.</summary>
    public static void Write(string path, ImagePixels image)
    {
        var expected = (long)image.Width * image.Height * image.Channels;
        if (image.Pixels.LongLength != expected)
            throw new ArgumentException($"{image.Width}x{image.Height}x{image.Channels} needs {expected} bytes but {image.Pixels.LongLength} were given", nameof(image));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var png = new PngImage
        {
            Version = ImageVersion,
            Width = (uint)image.Width,
            Height = (uint)image.Height,
            Format = FormatFor(image.Channels),
        };
        // Written beside the target and renamed, so a reader never sees half an image.
        var temp = path + ".tmp";
        try
        {
            if (Native.WriteToFile(ref png, temp, 0, image.Pixels, 0, IntPtr.Zero) == 0)
                throw new IOException($"cannot write PNG '{path}' (libpng: {png.ErrorMessage})");
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            Native.Free(ref png);
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static uint FormatFor(int channels) => channels switch
    {
        1 => FormatGray,
        3 => FormatRgb,
        _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "PNG images are read and written with 1 (grey) or 3 (RGB) channels"),
    };

    /// <summary>libpng's <c>png_image</c> (png.h); blittable so it is passed by reference without copying.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PngImage
    {
        public IntPtr Opaque;
        public uint Version;
        public uint Width;
        public uint Height;
        public uint Format;
        public uint Flags;
        public uint ColormapEntries;
        public uint WarningOrError;
        public MessageBuffer Message;

        public readonly string ErrorMessage
        {
            get
            {
                ReadOnlySpan<byte> text = Message;
                var end = text.IndexOf((byte)0);
                return Encoding.UTF8.GetString(end < 0 ? text : text[..end]);
            }
        }
    }

    [InlineArray(64)]
    private struct MessageBuffer
    {
        private byte first;
    }

    private static class Native
    {
        [DllImport(LibPng, EntryPoint = "png_image_begin_read_from_file")]
        public static extern int BeginReadFromFile(ref PngImage image, [MarshalAs(UnmanagedType.LPUTF8Str)] string fileName);

        [DllImport(LibPng, EntryPoint = "png_image_finish_read")]
        public static extern int FinishRead(ref PngImage image, IntPtr background, [Out] byte[] buffer, int rowStride, IntPtr colormap);

        [DllImport(LibPng, EntryPoint = "png_image_write_to_file")]
        public static extern int WriteToFile(ref PngImage image, [MarshalAs(UnmanagedType.LPUTF8Str)] string file, int convertTo8Bit, byte[] buffer, int rowStride, IntPtr colormap);

        [DllImport(LibPng, EntryPoint = "png_image_free")]
        public static extern void Free(ref PngImage image);
    }
}
