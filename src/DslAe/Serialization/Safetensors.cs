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

    // Guards against reading a gigantic "header" from a file that is not safetensors at all.
    private const long MaxHeaderBytes = 100L << 20;

    /// <summary>
    /// Writes the tensors (copied to the CPU) and optional metadata to <paramref name="path"/> atomically:
    /// a temporary file beside it is flushed to disk and then renamed over the target.
    /// </summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
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
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
                stream.Write(length);
                stream.Write(json);
                for (var i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
                foreach (var (_, t) in items) WriteData(stream, t);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads every tensor (on the CPU). The caller owns (disposes) them.</summary>
    public static Dictionary<string, Tensor> Load(string path) => LoadWithMetadata(path).Tensors;

    /// <summary>Only the string metadata map (empty when absent): reads the header, not the tensors' bytes.</summary>
    public static Dictionary<string, string> ReadMetadata(string path)
    {
        byte[] head;
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> length = stackalloc byte[8];
            var read = stream.ReadAtLeast(length, 8, throwOnEndOfStream: false);
            var size = read < 8 ? 0 : BinaryPrimitives.ReadUInt64LittleEndian(length);
            if (read < 8 || size > MaxHeaderBytes || (long)size > stream.Length - 8)
                throw Corrupt(path, $"the header length cannot be read or exceeds the file size {stream.Length} (not a safetensors file, or truncated)");
            head = new byte[8 + (long)size];
            length.CopyTo(head);
            stream.ReadExactly(head, 8, (int)size);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot read safetensors file '{path}': {e.Message}", e);
        }
        var (header, _) = ReadHeader(path, head);
        var metadata = new Dictionary<string, string>();
        if (header.TryGetPropertyValue(MetadataKey, out var node)) ReadMetadata(path, node, metadata);
        return metadata;
    }

    /// <summary>Reads every tensor (on the CPU) and the string metadata map (empty when absent).</summary>
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
        var (header, dataStart) = ReadHeader(path, file);
        var metadata = new Dictionary<string, string>();
        var tensors = new Dictionary<string, Tensor>();
        try
        {
            foreach (var (name, node) in header)
            {
                if (name == MetadataKey)
                {
                    ReadMetadata(path, node, metadata);
                    continue;
                }
                tensors[name] = ReadTensor(path, name, node, file, dataStart);
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return (tensors, metadata);
    }

    private static (JsonObject Header, long DataStart) ReadHeader(string path, byte[] file)
    {
        if (file.Length < 8) throw Corrupt(path, $"the file has {file.Length} bytes, fewer than the 8-byte header length");
        var length = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (length > MaxHeaderBytes || (long)length > file.Length - 8)
            throw Corrupt(path, $"the header length {length} exceeds the file size {file.Length} (not a safetensors file, or truncated)");
        try
        {
            var json = file.AsSpan(8, (int)length);
            // Every name once: System.Text.Json's objects keep one of two equal keys, which would hide a tensor.
            using (var document = JsonDocument.Parse(json.ToArray()))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object) throw Corrupt(path, "the header is not a JSON object");
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                    if (!names.Add(property.Name)) throw Corrupt(path, $"the header names '{property.Name}' twice");
            }
            var header = (JsonObject)JsonNode.Parse(json)!;
            _ = header.Count; // materialises the entries here, where a malformed one is reported as corrupt
            return (header, 8 + (long)length);
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"the header is not valid JSON ({e.Message})");
        }
        catch (ArgumentException e)
        {
            // A key twice inside one tensor's entry.
            throw Corrupt(path, $"the header names an entry twice ({e.Message})");
        }
    }

    /// <summary>The format's rule: "__metadata__" is an object mapping strings to strings.</summary>
    private static void ReadMetadata(string path, JsonNode? node, Dictionary<string, string> metadata)
    {
        if (node is not JsonObject entries) throw Corrupt(path, $"\"{MetadataKey}\" must be an object of strings, not {Describe(node)}");
        foreach (var (key, value) in entries)
        {
            if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
                throw Corrupt(path, $"\"{MetadataKey}\".{key} must be a string, not {Describe(value)}");
            metadata[key] = text.GetValue<string>();
        }
    }

    private static string Describe(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant();

    private static Tensor ReadTensor(string path, string name, JsonNode? node, byte[] file, long dataStart)
    {
        try
        {
            var entry = node!.AsObject();
            var dtype = ParseDtype(entry["dtype"]!.GetValue<string>());
            var shape = entry["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
            var offsets = entry["data_offsets"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
            if (shape.Any(s => s < 0))
                throw Corrupt(path, $"tensor '{name}': shape [{string.Join(", ", shape)}] has a negative dimension");
            long bytes;
            try
            {
                bytes = checked(shape.Aggregate(1L, (product, s) => product * s) * ElementSize(dtype));
            }
            catch (OverflowException)
            {
                throw Corrupt(path, $"tensor '{name}': shape [{string.Join(", ", shape)}] holds more bytes than any file can");
            }
            // Range first, then length: with both offsets inside the data, their difference cannot overflow.
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
                throw Corrupt(path, $"tensor '{name}': data_offsets [{string.Join(", ", offsets)}] are not a [begin, end] pair with 0 <= begin <= end");
            if (offsets[1] > file.Length - dataStart)
                throw Corrupt(path, $"tensor '{name}': data_offsets [{offsets[0]}, {offsets[1]}] run past the end of the file (truncated?)");
            if (offsets[1] - offsets[0] != bytes)
                throw Corrupt(path, $"tensor '{name}': data_offsets [{string.Join(", ", offsets)}] do not span the {bytes} bytes of shape [{string.Join(", ", shape)}] {entry["dtype"]}");
            var data = file.AsSpan((int)(dataStart + offsets[0]), (int)bytes);
            return FromBytes(data, shape, dtype);
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException or KeyNotFoundException)
        {
            throw Corrupt(path, $"tensor '{name}' has a malformed header entry ({e.Message})");
        }
    }

    private static Tensor FromBytes(ReadOnlySpan<byte> data, long[] shape, ScalarType dtype)
    {
        var t = empty(shape, dtype, CPU);
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

    private static ScalarType ParseDtype(string name) => name switch
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
        _ => throw new FormatException($"unknown dtype \"{name}\""),
    };

    private static InvalidDataException Corrupt(string path, string what) => new($"corrupt safetensors file '{path}': {what}");
}
