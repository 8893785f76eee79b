using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace DslAe.Serialization;

/// <summary>
/// The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header
/// {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}, then the raw
/// little-endian bytes of every tensor. Plain data: nothing in a file is executed on load, and the header is
/// validated before any tensor is read. Written here rather than taken from TorchSharp.PyBridge, which reads and
/// writes tensors compatibly but drops <c>__metadata__</c>, where checkpoints keep their training state.
/// </summary>
public static class Safetensors
{
    private const string MetadataKey = "__metadata__";

    // The reference implementation's bound (100 MB): guards against reading a gigantic "header" from a file that is
    // not safetensors at all.
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Writes the tensors (copied to the CPU) and optional metadata to <paramref name="path"/> atomically:
    /// a temporary file beside it is flushed to disk and then renamed over the target. With
    /// <paramref name="keepPreviousAs"/>, the file replaced (if any) is kept under that name.
    /// </summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null,
                            string? keepPreviousAs = null)
    {
        var items = tensors.ToList();
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata) meta[k] = v;
            header[MetadataKey] = meta;
        }
        long offset = 0;
        foreach (var (name, t) in items)
        {
            if (name == MetadataKey) throw new ArgumentException($"'{MetadataKey}' is reserved for metadata and cannot name a tensor");
            if (header.ContainsKey(name)) throw new ArgumentException($"tensor name '{name}' appears twice");
            var bytes = t.numel() * ElementSize(t.dtype);
            header[name] = new JsonObject
            {
                ["dtype"] = DtypeName(t.dtype),
                ["shape"] = new JsonArray(t.shape.Select(s => (JsonNode)s).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        // Pad the header with spaces to a multiple of 8 so the data is aligned, as the reference writer does.
        var padded = (json.Length + 7) / 8 * 8;

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Unbuffered: the header goes in one write and each tensor's bytes straight from its native memory, so a
            // save allocates no managed buffer of the file's size (a 1 MiB FileStream buffer per save was garbage
            // the GC collects late).
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                var head = new byte[8 + padded];
                BinaryPrimitives.WriteUInt64LittleEndian(head, (ulong)padded);
                json.CopyTo(head, 8);
                head.AsSpan(8 + json.Length).Fill((byte)' ');
                stream.Write(head);
                foreach (var (_, t) in items) WriteData(stream, t);
                stream.Flush(flushToDisk: true);
            }
            if (keepPreviousAs is not null && File.Exists(path))
                // File.Replace links the old file to the backup name before renaming the new one over it, so at
                // no moment is there no file at path (and on Windows it is one ReplaceFile call).
                File.Replace(temp, path, keepPreviousAs);
            else
                File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads every tensor (on the CPU). The caller owns (disposes) them.</summary>
    public static Dictionary<string, Tensor> Load(string path) => LoadWithMetadata(path).Tensors;

    /// <summary>
    /// Only the string metadata map (empty when absent): reads and checks the whole header, including that its
    /// offsets cover the file's data exactly, but not the tensors' bytes.
    /// </summary>
    public static Dictionary<string, string> ReadMetadata(string path)
    {
        byte[] head;
        long fileLength;
        try
        {
            using var stream = File.OpenRead(path);
            fileLength = stream.Length;
            Span<byte> length = stackalloc byte[8];
            var read = stream.ReadAtLeast(length, 8, throwOnEndOfStream: false);
            if (read < 8) throw Corrupt(path, $"the file has {fileLength} bytes, fewer than the 8-byte header length");
            var size = HeaderLength(path, BinaryPrimitives.ReadUInt64LittleEndian(length), fileLength);
            head = new byte[8 + size];
            length.CopyTo(head);
            stream.ReadExactly(head, 8, size);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot read safetensors file '{path}': {e.Message}", e);
        }
        return ReadHeader(path, head, fileLength).Metadata;
    }

    /// <summary>
    /// Reads every tensor (on the CPU) and the string metadata map (empty when absent). Any breach of the format's
    /// rules is an <see cref="InvalidDataException"/> naming the file and the rule; no tensor is created before the
    /// whole header has been checked against the file.
    /// </summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) LoadWithMetadata(string path)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot read safetensors file '{path}': {e.Message}", e);
        }
        var header = ReadHeader(path, file, file.Length);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in header.Entries)
                tensors[entry.Name] = FromBytes(path, entry, file.AsSpan((int)(header.DataStart + entry.Begin), (int)(entry.End - entry.Begin)));
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return (tensors, header.Metadata);
    }

    /// <summary>One tensor's header entry, every field checked: its bytes are <c>[Begin, End)</c> of the data after the header.</summary>
    private sealed record Entry(string Name, string DtypeName, ScalarType Dtype, long[] Shape, long Begin, long End);

    private sealed record Header(List<Entry> Entries, Dictionary<string, string> Metadata, long DataStart);

    /// <summary>The header's length N from the first 8 bytes, once it is known to fit the file and the format's bound.</summary>
    private static int HeaderLength(string path, ulong length, long fileLength)
    {
        if (length > MaxHeaderBytes)
            throw Corrupt(path, $"the header length {length} exceeds the format's limit of {MaxHeaderBytes} bytes (not a safetensors file?)");
        if ((long)length > fileLength - 8)
            throw Corrupt(path, $"the header length {length} exceeds the file size {fileLength} (not a safetensors file, or truncated)");
        return (int)length;
    }

    /// <summary>
    /// Parses and checks the header in <paramref name="bytes"/> (the 8-byte length, then at least the header) of a
    /// file of <paramref name="fileLength"/> bytes: the format's rules as its reference implementation applies them,
    /// plus JSON duplicate keys, which a JSON object model would silently resolve to one of the two values.
    /// </summary>
    private static Header ReadHeader(string path, byte[] bytes, long fileLength)
    {
        if (bytes.Length < 8) throw Corrupt(path, $"the file has {bytes.Length} bytes, fewer than the 8-byte header length");
        var length = HeaderLength(path, BinaryPrimitives.ReadUInt64LittleEndian(bytes), fileLength);
        var json = bytes.AsMemory(8, length);
        if (length == 0 || json.Span[0] != (byte)'{') throw Corrupt(path, "the header does not start with '{' (not a safetensors file)");
        // Checked up front: System.Text.Json reports invalid UTF-8 inside a string only when the string is read.
        if (!System.Text.Unicode.Utf8.IsValid(json.Span)) throw Corrupt(path, "the header is not valid UTF-8");
        var entries = new List<Entry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Corrupt(path, "the header is not a JSON object");
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name)) throw Corrupt(path, $"the header names '{property.Name}' twice");
                if (property.Name == MetadataKey) ReadMetadata(path, property.Value, metadata);
                else entries.Add(ReadEntry(path, property.Name, property.Value));
            }
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"the header is not valid JSON ({e.Message})");
        }
        catch (InvalidOperationException e)
        {
            // A string System.Text.Json cannot turn into .NET text (an escaped lone surrogate).
            throw Corrupt(path, $"the header holds a string that is not valid text ({e.Message})");
        }
        var dataStart = 8L + length;
        CheckLayout(path, entries, fileLength - dataStart);
        return new Header(entries, metadata, dataStart);
    }

    /// <summary>The format's rule: "__metadata__" is an object mapping strings to strings (null is no string).</summary>
    private static void ReadMetadata(string path, JsonElement node, Dictionary<string, string> metadata)
    {
        if (node.ValueKind != JsonValueKind.Object) throw Corrupt(path, $"\"{MetadataKey}\" must be an object of strings, not {Describe(node)}");
        foreach (var property in node.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
                throw Corrupt(path, $"\"{MetadataKey}\".{property.Name} must be a string, not {Describe(property.Value)}");
            if (!metadata.TryAdd(property.Name, property.Value.GetString()!))
                throw Corrupt(path, $"\"{MetadataKey}\" names '{property.Name}' twice");
        }
    }

    private static string Describe(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        _ => "null",
    };

    /// <summary>One tensor's entry: exactly dtype, shape and data_offsets, the offsets spanning the shape's bytes.</summary>
    private static Entry ReadEntry(string path, string name, JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
            throw Corrupt(path, $"tensor '{name}' has a malformed header entry: {Describe(node)}, not an object {{dtype, shape, data_offsets}}");
        string? dtypeName = null;
        long[]? shape = null, offsets = null;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in node.EnumerateObject())
        {
            if (!keys.Add(property.Name)) throw Corrupt(path, $"tensor '{name}' has a malformed header entry: it names \"{property.Name}\" twice");
            switch (property.Name)
            {
                case "dtype" when property.Value.ValueKind == JsonValueKind.String:
                    dtypeName = property.Value.GetString();
                    break;
                case "dtype":
                    throw Corrupt(path, $"tensor '{name}' has a malformed header entry: \"dtype\" is {Describe(property.Value)}, not a string");
                case "shape":
                    shape = Integers(path, name, "shape", property.Value);
                    break;
                case "data_offsets":
                    offsets = Integers(path, name, "data_offsets", property.Value);
                    break;
                default:
                    throw Corrupt(path, $"tensor '{name}' has a malformed header entry: unknown key \"{property.Name}\" (an entry holds dtype, shape and data_offsets)");
            }
        }
        if (dtypeName is null || shape is null || offsets is null)
            throw Corrupt(path, $"tensor '{name}' has a malformed header entry: no \"{(dtypeName is null ? "dtype" : shape is null ? "shape" : "data_offsets")}\"");
        var dtype = ParseDtype(dtypeName)
            ?? throw Corrupt(path, $"tensor '{name}' has an unknown dtype \"{dtypeName}\" (known: {string.Join(", ", KnownDtypes)})");
        if (offsets.Length != 2 || offsets[1] < offsets[0])
            throw Corrupt(path, $"tensor '{name}': data_offsets [{string.Join(", ", offsets)}] are not a [begin, end] pair with 0 <= begin <= end");
        long bytes;
        try
        {
            bytes = checked(shape.Aggregate(1L, (product, s) => product * s) * ElementSize(dtype));
        }
        catch (OverflowException)
        {
            throw Corrupt(path, $"tensor '{name}': shape [{string.Join(", ", shape)}] holds more bytes than any file can");
        }
        // Both offsets are non-negative longs with begin <= end: their difference cannot overflow.
        if (offsets[1] - offsets[0] != bytes)
            throw Corrupt(path, $"tensor '{name}': data_offsets [{offsets[0]}, {offsets[1]}] do not span the {bytes} bytes of shape [{string.Join(", ", shape)}] {dtypeName}");
        return new Entry(name, dtypeName, dtype, shape, offsets[0], offsets[1]);
    }

    /// <summary>An array of integers in [0, 2^63): larger ones are no size or offset any file can have.</summary>
    private static long[] Integers(string path, string name, string key, JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Array)
            throw Corrupt(path, $"tensor '{name}' has a malformed header entry: \"{key}\" is {Describe(node)}, not an array of integers");
        var values = new long[node.GetArrayLength()];
        var i = 0;
        foreach (var item in node.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value) || value < 0 || item.GetRawText().StartsWith('-'))
                throw Corrupt(path, $"tensor '{name}': \"{key}\" holds {(item.ValueKind == JsonValueKind.Number ? item.GetRawText() : Describe(item))}, " +
                                    $"not an integer from 0 to {long.MaxValue}{(key == "shape" ? " (a negative dimension?)" : "")}");
            values[i++] = value;
        }
        return values;
    }

    /// <summary>
    /// The format's layout rule: sorted by offset, the tensors tile the data after the header exactly, from its
    /// first byte to the file's last, with no gap, no overlap and no trailing bytes, so every byte belongs to one tensor.
    /// </summary>
    private static void CheckLayout(string path, List<Entry> entries, long dataLength)
    {
        long expected = 0;
        Entry? previous = null;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.End > dataLength)
                throw Corrupt(path, $"tensor '{entry.Name}': data_offsets [{entry.Begin}, {entry.End}] run past the end of the file: its data after the header holds {dataLength} bytes (truncated?)");
            if (entry.Begin < expected)
                throw Corrupt(path, $"tensor '{entry.Name}': data_offsets [{entry.Begin}, {entry.End}] overlap tensor '{previous!.Name}' [{previous.Begin}, {previous.End}]");
            if (entry.Begin > expected)
                throw Corrupt(path, $"tensor '{entry.Name}': data_offsets [{entry.Begin}, {entry.End}] leave a gap: bytes [{expected}, {entry.Begin}) of the data belong to no tensor");
            expected = entry.End;
            previous = entry;
        }
        if (expected != dataLength)
            throw Corrupt(path, $"{dataLength - expected} bytes at the end of the file belong to no tensor (the header's offsets end at {expected} of {dataLength} data bytes: trailing bytes, or a damaged header)");
    }

    private static Tensor FromBytes(string path, Entry entry, ReadOnlySpan<byte> data)
    {
        Tensor t;
        try
        {
            t = empty(entry.Shape, entry.Dtype, CPU);
        }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            // An empty tensor whose other dimensions libtorch refuses (their product beyond its limits).
            throw Corrupt(path, $"tensor '{entry.Name}': libtorch cannot create shape [{string.Join(", ", entry.Shape)}] {entry.DtypeName} ({e.Message.Split('\n')[0]})");
        }
        if (data.Length > 0) data.CopyTo(t.bytes);
        return t;
    }

    private static void WriteData(Stream stream, Tensor t)
    {
        using var scope = NewDisposeScope();
        var cpu = t.detach().cpu().contiguous();
        if (cpu.numel() > 0) stream.Write(cpu.bytes);
    }

    private static long ElementSize(ScalarType t) => t switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        _ => 1,
    };

    private static string DtypeName(ScalarType t) => t switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"safetensors has no dtype for {t}"),
    };

    private static readonly string[] KnownDtypes = ["F64", "F32", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL"];

    private static ScalarType? ParseDtype(string name) => name switch
    {
        "F32" => ScalarType.Float32,
        "F64" => ScalarType.Float64,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "I16" => ScalarType.Int16,
        "I8" => ScalarType.Int8,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => null,
    };

    private static InvalidDataException Corrupt(string path, string what) => new($"corrupt safetensors file '{path}': {what}");
}
