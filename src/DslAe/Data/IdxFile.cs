using System.Buffers.Binary;
using System.IO.Compression;

namespace DslAe.Data;

/// <summary>
/// Reader of the IDX format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian magic number
/// 0x0000TTDD (TT = 0x08 for unsigned bytes, DD = number of dimensions), DD big-endian 32-bit sizes, then the
/// data. Files may be gzip-compressed (recognised by the gzip signature, not by the name).
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>The dimensions and the unsigned-byte data of an IDX file.</summary>
    public static (int[] Dimensions, byte[] Data) ReadUnsignedBytes(string path)
    {
        var bytes = Decompress(path, ReadFile(path));
        if (bytes.Length < 4)
            throw new DataFileException(path, $"truncated: {bytes.Length} bytes, fewer than the 4-byte IDX magic number");
        if (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != UnsignedByteType || bytes[3] is 0 or > 4)
            throw new DataFileException(path, $"bad magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(bytes):X8}: an IDX file of unsigned bytes starts with 0x000008DD (DD = 1..4 dimensions); this is not an MNIST/Fashion-MNIST IDX file");
        var rank = bytes[3];
        var headerBytes = 4 + 4 * rank;
        if (bytes.Length < headerBytes)
            throw new DataFileException(path, $"truncated: the header declares {rank} dimensions but the file ends after {bytes.Length} bytes");
        var dims = new int[rank];
        long count = 1;
        for (var i = 0; i < rank; i++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (size is 0 or > int.MaxValue)
                throw new DataFileException(path, $"dimension {i} has size {size}, which no IDX data set has");
            dims[i] = (int)size;
            count *= size;
        }
        var available = bytes.LongLength - headerBytes;
        if (available < count)
            throw new DataFileException(path, $"truncated: the header says {string.Join("x", dims)} = {count} bytes of data but the file holds {available}");
        if (available > count)
            throw new DataFileException(path, $"{available - count} unexpected bytes after the {string.Join("x", dims)} data: the file is not one IDX array");
        return (dims, bytes.AsSpan(headerBytes).ToArray());
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException e)
        {
            throw new DataFileException(path, "file not found", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new DataFileException(path, "folder not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"cannot be read ({e.Message})", e);
        }
    }

    private static byte[] Decompress(string path, byte[] raw)
    {
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b) return raw;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream(raw.Length * 4);
            gzip.CopyTo(output);
            // GZipStream stops quietly at the end of a cut file; the trailer's size field (the last 4 bytes,
            // the uncompressed length mod 2^32) tells a complete file from a cut one.
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 4));
            if (raw.Length < 18 || declared != unchecked((uint)output.Length))
                throw new DataFileException(path, $"truncated gzip data: {output.Length} bytes decompressed but the gzip trailer does not match (the download was cut?); download the file again");
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"corrupt or truncated gzip data ({e.Message}); download the file again", e);
        }
        catch (EndOfStreamException e)
        {
            throw new DataFileException(path, "truncated gzip data; download the file again", e);
        }
    }
}
