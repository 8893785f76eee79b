using System.Buffers.Binary;
using System.IO.Compression;

namespace DslAe.Data;

/// <summary>
/// Reader of the IDX format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian magic number
/// 0x0000TTDD (TT = 0x08 for unsigned bytes, DD = number of dimensions), DD big-endian 32-bit sizes, then the
/// data. Files may be gzip-compressed (recognised by the gzip signature, not by the name). The header is read and
/// checked first: the sizes it declares are multiplied with checked arithmetic and compared with the file's length
/// (and with what the caller expects) before the data is allocated, so a small file claiming a huge array, or a gzip
/// bomb, costs nothing.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>The dimensions and the unsigned-byte data of an IDX file.</summary>
    /// <param name="path">The file, gzip-compressed or not.</param>
    /// <param name="checkDimensions">
    /// Called with the declared dimensions before any data is allocated; throws (a <see cref="DataFileException"/>)
    /// when they are not what the caller can use.
    /// </param>
    public static (int[] Dimensions, byte[] Data) ReadUnsignedBytes(string path, Action<int[]>? checkDimensions = null)
    {
        using var file = OpenFile(path);
        try
        {
            var gzip = IsGzip(file);
            using var stream = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file;
            Span<byte> magic = stackalloc byte[4];
            var read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
            if (read < 4)
                throw new DataFileException(path, $"truncated: {read} bytes, fewer than the 4-byte IDX magic number");
            if (magic[0] != 0 || magic[1] != 0 || magic[2] != UnsignedByteType || magic[3] is 0 or > 4)
                throw new DataFileException(path, $"bad magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8}: an IDX file of unsigned bytes starts with 0x000008DD (DD = 1..4 dimensions); this is not an MNIST/Fashion-MNIST IDX file");
            var rank = magic[3];
            var headerBytes = 4 + 4 * rank;
            Span<byte> sizes = stackalloc byte[4 * rank];
            read = stream.ReadAtLeast(sizes, sizes.Length, throwOnEndOfStream: false);
            if (read < sizes.Length)
                throw new DataFileException(path, $"truncated: the header declares {rank} dimensions but the file ends after {4 + read} bytes");
            var dims = new int[rank];
            long count = 1;
            for (var i = 0; i < rank; i++)
            {
                var size = BinaryPrimitives.ReadUInt32BigEndian(sizes[(4 * i)..]);
                if (size is 0 or > int.MaxValue)
                    throw new DataFileException(path, $"dimension {i} has size {size}, which no IDX data set has");
                dims[i] = (int)size;
            }
            var shape = string.Join("x", dims);
            try
            {
                foreach (var d in dims) count = checked(count * d);
            }
            catch (OverflowException)
            {
                throw new DataFileException(path, $"the header declares {shape} bytes of data, more than any file holds (a corrupt header)");
            }
            if (!gzip && file.Length - headerBytes != count)
            {
                var available = file.Length - headerBytes;
                throw new DataFileException(path, available < count
                    ? $"truncated: the header says {shape} = {count} bytes of data but the file holds {available}"
                    : $"{available - count} unexpected bytes after the {shape} data: the file is not one IDX array");
            }
            if (count > Array.MaxLength)
                throw new DataFileException(path, $"the header declares {shape} = {count} bytes of data, more than one array can hold; split the data set");
            checkDimensions?.Invoke(dims);
            var data = new byte[count];
            read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
            if (read < count)
                throw new DataFileException(path, $"truncated: the header says {shape} = {count} bytes of data but the file holds {read}{(gzip ? " once decompressed (a cut gzip download?); download the file again" : "")}");
            if (gzip) CheckGzipEnd(path, file, stream, headerBytes + count, shape);
            return (dims, data);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"corrupt or truncated gzip data ({e.Message}); download the file again", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"cannot be read ({e.Message})", e);
        }
    }

    // GZipStream stops quietly at the end of a cut file; the trailer's size field (the last 4 bytes, the uncompressed
    // length mod 2^32) tells a complete file from a cut one. Data beyond the declared array is read one byte only.
    private static void CheckGzipEnd(string path, FileStream file, Stream stream, long expected, string shape)
    {
        Span<byte> more = stackalloc byte[1];
        if (stream.Read(more) > 0)
            throw new DataFileException(path, $"unexpected bytes after the {shape} data: the file is not one IDX array");
        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        if (file.Length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(trailer) != unchecked((uint)expected))
            throw new DataFileException(path, $"truncated gzip data: {expected} bytes decompressed but the gzip trailer does not match (the download was cut?); download the file again");
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> signature = stackalloc byte[2];
        var read = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && signature[0] == 0x1f && signature[1] == 0x8b;
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return File.OpenRead(path);
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
}
