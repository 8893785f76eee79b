using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DslAe.Serialization;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace DslAe.Tests.Engine;

/// <summary>
/// Seeded mutations of valid files written by our own writer (bit flips, truncation and extension, header edits:
/// huge, overlapping and gapped offsets, duplicate names and keys, null metadata, wrong dtypes and shapes). The
/// reader may accept a mutant only when an independent validator written here finds it a valid file, and then it
/// must load exactly the tensors and metadata the validator reads; everything else must be refused with an
/// <see cref="InvalidDataException"/> naming the file. No other exception type, ever.
/// </summary>
[Collection(SerialFileTests.Name)]
public sealed partial class SafetensorsFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int MutantsPerBase = 400;
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Mutated_files_are_either_valid_and_read_exactly_or_refused_with_InvalidDataException()
    {
        var bases = BaseFiles();
        var clock = Stopwatch.StartNew();
        var (accepted, refused, total) = (0, 0, 0);
        var kinds = new Dictionary<string, (int Accepted, int Refused)>();
        var failures = new List<string>();
        for (var b = 0; b < bases.Count; b++)
        {
            var random = new Random(1000 + b);
            for (var i = 0; i < MutantsPerBase; i++)
            {
                var (kind, mutant) = Mutate(bases[b], random);
                var path = folder.File($"m{b}-{i}.safetensors");
                File.WriteAllBytes(path, mutant);
                total++;
                var expected = Validate(mutant);
                Dictionary<string, Tensor>? tensors = null;
                try
                {
                    (tensors, var metadata) = Safetensors.LoadWithMetadata(path);
                    accepted++;
                    Count(kinds, kind, accepted: true);
                    if (expected.Error is { } why) failures.Add($"{kind} #{b}/{i}: accepted a file the validator refuses ({why})");
                    else if (Differences(expected, tensors, metadata) is { } diff) failures.Add($"{kind} #{b}/{i}: read differently from the validator: {diff}");
                    // The header-only reader agrees with the full one.
                    if (!Safetensors.ReadMetadata(path).OrderBy(kv => kv.Key).SequenceEqual(metadata.OrderBy(kv => kv.Key)))
                        failures.Add($"{kind} #{b}/{i}: ReadMetadata differs from LoadWithMetadata");
                }
                catch (InvalidDataException e)
                {
                    refused++;
                    Count(kinds, kind, accepted: false);
                    if (!e.Message.Contains(path)) failures.Add($"{kind} #{b}/{i}: the message does not name the file: {e.Message}");
                    // ReadMetadata checks the same header: it refuses too unless only tensor bytes could differ.
                    var headerOnly = Record.Exception(() => Safetensors.ReadMetadata(path));
                    if (headerOnly is not (null or InvalidDataException)) failures.Add($"{kind} #{b}/{i}: ReadMetadata threw {headerOnly.GetType().Name}: {headerOnly.Message}");
                }
                catch (Exception e)
                {
                    failures.Add($"{kind} #{b}/{i}: {e.GetType().Name}: {e.Message}");
                }
                finally
                {
                    foreach (var t in tensors?.Values ?? Enumerable.Empty<Tensor>()) t.Dispose();
                    File.Delete(path);
                }
            }
        }
        output.WriteLine($"{total} mutants of {bases.Count} files in {clock.ElapsedMilliseconds} ms: {accepted} accepted (all valid), {refused} refused");
        foreach (var (kind, (a, r)) in kinds.OrderBy(k => k.Key)) output.WriteLine($"  {kind,-22} accepted {a,4}  refused {r,4}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {total} mutants mishandled:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(total >= 1000);
        // Both outcomes are exercised: data bit flips stay valid, most header edits do not.
        Assert.True(accepted > 50 && refused > 500, $"accepted {accepted}, refused {refused}");
    }

    [Fact]
    public void The_validator_accepts_every_base_file_and_the_reader_reads_them_as_it_does()
    {
        foreach (var file in BaseFiles())
        {
            var expected = Validate(file);
            Assert.Null(expected.Error);
            var path = folder.File("base.safetensors");
            File.WriteAllBytes(path, file);
            var (tensors, metadata) = Safetensors.LoadWithMetadata(path);
            Assert.Null(Differences(expected, tensors, metadata));
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    private static void Count(Dictionary<string, (int Accepted, int Refused)> kinds, string kind, bool accepted)
    {
        var (a, r) = kinds.GetValueOrDefault(kind);
        kinds[kind] = accepted ? (a + 1, r) : (a, r + 1);
    }

    /// <summary>Valid files from our writer: many dtypes, empty and scalar tensors, with and without metadata, and a checkpoint's layout.</summary>
    private List<byte[]> BaseFiles()
    {
        using var scope = NewDisposeScope();
        var sets = new List<(Dictionary<string, Tensor> Tensors, Dictionary<string, string>? Metadata)>
        {
            (new()
            {
                ["f32"] = Given.Wave([2, 3]).Tensor, ["f64"] = Given.Wave([3], 1, 10, ScalarType.Float64).Tensor,
                ["f16"] = Given.Wave([4], 2, 10, ScalarType.Float16).Tensor, ["bf16"] = Given.Wave([2, 2], 3, 10, ScalarType.BFloat16).Tensor,
                ["i64"] = tensor(new[] { -1L, 5L }), ["i32"] = tensor(new[] { 7, -8, 9 }), ["i16"] = tensor(new short[] { 1, -2 }),
                ["i8"] = tensor(new sbyte[] { -3, 4 }), ["u8"] = tensor(new byte[] { 0, 255, 7 }), ["bool"] = tensor(new[] { true, false }),
                ["scalar"] = tensor(2.5f), ["empty"] = zeros(0, 3),
            }, new() { ["epoch"] = "3", ["note"] = "héllo \"quoted\"" }),
            (new() { ["w"] = Given.Wave([4, 4], 5).Tensor, ["b"] = Given.Wave([4], 6).Tensor }, null),
            (new()
            {
                ["model.Enc1.weight"] = Given.Wave([8, 1, 3, 3], 7).Tensor, ["model.Enc1.bias"] = Given.Wave([8], 8).Tensor,
                ["optimizer.state"] = tensor(Enumerable.Range(0, 61).Select(i => (byte)(i * 37)).ToArray(), ScalarType.Byte),
            }, new() { ["dslae.format"] = "dslae-checkpoint-3", ["dslae.state"] = "{\"Epoch\":1,\"GlobalStep\":10}" }),
            (new() { ["a"] = zeros(0), ["b"] = ones(1, ScalarType.Int64), ["c"] = zeros(2, 0) }, new() { ["k"] = "" }),
        };
        return sets.Select((set, i) =>
        {
            var path = folder.File($"base{i}.safetensors");
            Safetensors.Save(path, set.Tensors, set.Metadata);
            var bytes = File.ReadAllBytes(path);
            File.Delete(path);
            return bytes;
        }).ToList();
    }

    // ---- mutations ------------------------------------------------------------------------------------------------

    private static readonly string[] Kinds =
    [
        "bit flip", "bit flip in header", "bit flip in length", "truncate", "extend", "json character", "insert or delete",
        "huge offset", "shift offset", "swap offsets", "dtype", "shape", "metadata", "duplicate name", "duplicate key",
        "unknown key", "missing key", "drop tensor", "rename tensor", "length field",
    ];

    private static (string Kind, byte[] Mutant) Mutate(byte[] original, Random random)
    {
        var kind = Kinds[random.Next(Kinds.Length)];
        var file = (byte[])original.Clone();
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        switch (kind)
        {
            case "bit flip":
                for (var k = random.Next(1, 4); k > 0; k--) Flip(file, random.Next(file.Length), random);
                return (kind, file);
            case "bit flip in header":
                Flip(file, 8 + random.Next(n), random);
                return (kind, file);
            case "bit flip in length":
                Flip(file, random.Next(8), random);
                return (kind, file);
            case "truncate":
                // Anywhere, or only the last few bytes.
                return (kind, file[..(random.Next(2) == 0 ? random.Next(file.Length) : file.Length - random.Next(1, 17))]);
            case "extend":
                var extra = new byte[random.Next(1, 17)];
                if (random.Next(2) == 0) random.NextBytes(extra);
                return (kind, [.. file, .. extra]);
            case "json character":
                const string significant = "{}[]\",:0123456789-. etnul\\";
                file[8 + random.Next(n)] = (byte)significant[random.Next(significant.Length)];
                return (kind, file);
            case "insert or delete":
                var at = 8 + random.Next(n);
                return (kind, random.Next(2) == 0 ? [.. file[..at], .. file[(at + 1)..]] : [.. file[..at], (byte)random.Next(256), .. file[at..]]);
            case "length field":
                var delta = random.Next(2) == 0 ? random.Next(-8, 9) : random.Next();
                BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)Math.Max(0L, n + (long)delta));
                return (kind, file);
        }
        // Header edits: the JSON changed, the length field and the data kept consistent with the rest.
        var header = JsonNode.Parse(file.AsSpan(8, n))!.AsObject();
        var data = file[(8 + n)..];
        var names = header.Select(kv => kv.Key).Where(k => k != "__metadata__").ToList();
        var name = names.Count > 0 ? names[random.Next(names.Count)] : null;
        var entry = name is null ? null : header[name]!.AsObject();
        string? text = null;
        switch (kind)
        {
            case "huge offset" when entry is not null:
            {
                string[] huge = ["9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616", "4611686018427387904",
                                 "-1", "1e3", "4.0", (long.MaxValue - 3).ToString()];
                var offsets = entry["data_offsets"]!.AsArray();
                var begin = offsets[0]!.GetValue<long>();
                var end = offsets[1]!.GetValue<long>();
                var which = random.Next(3);
                var value = huge[random.Next(huge.Length)];
                // Either one offset, or both moved by the same amount (end - begin still the shape's byte count).
                entry["data_offsets"] = which switch
                {
                    0 => JsonNode.Parse($"[{value}, {end}]"),
                    1 => JsonNode.Parse($"[{begin}, {value}]"),
                    _ => JsonNode.Parse($"[{long.MaxValue - (end - begin) - random.Next(3)}, {long.MaxValue - random.Next(3)}]"),
                };
                break;
            }
            case "shift offset" when entry is not null:
            {
                var offsets = entry["data_offsets"]!.AsArray();
                var (begin, end) = (offsets[0]!.GetValue<long>(), offsets[1]!.GetValue<long>());
                var by = random.Next(1, 9) * (random.Next(2) == 0 ? -1 : 1);
                entry["data_offsets"] = random.Next(3) switch
                {
                    0 => new JsonArray(begin + by, end),
                    1 => new JsonArray(begin, end + by),
                    _ => new JsonArray(begin + by, end + by),   // the same length, moved: a gap or an overlap
                };
                break;
            }
            case "swap offsets" when names.Count > 1:
            {
                var other = header[names[(names.IndexOf(name!) + 1 + random.Next(names.Count - 1)) % names.Count]]!.AsObject();
                var mine = entry!["data_offsets"]!.DeepClone();
                entry["data_offsets"] = other["data_offsets"]!.DeepClone();
                other["data_offsets"] = mine;
                break;
            }
            case "dtype" when entry is not null:
                string[] dtypes = ["F32", "F64", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL", "U16", "F8_E4M3", "f32", "", "C64"];
                entry["dtype"] = random.Next(8) == 0 ? JsonNode.Parse(random.Next(2) == 0 ? "null" : "4") : dtypes[random.Next(dtypes.Length)];
                break;
            case "shape" when entry is not null:
            {
                var shape = entry["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToList();
                switch (random.Next(7))
                {
                    case 0 when shape.Count > 0: shape[random.Next(shape.Count)] += random.Next(2) == 0 ? 1 : -1; break;
                    case 1: shape.Insert(random.Next(shape.Count + 1), 1); break;             // still valid
                    case 2 when shape.Count > 0: shape.RemoveAt(random.Next(shape.Count)); break;
                    case 3: shape.Reverse(); break;                                         // valid: the same product
                    case 4: shape.Add(random.Next(2) == 0 ? 4611686018427387904 : long.MaxValue); break;
                    case 5: shape.Add(0); break;
                    default:
                        entry["shape"] = JsonNode.Parse(random.Next(3) switch { 0 => "[-1]", 1 => "[18446744073709551616]", _ => "[4611686018427387904, 4, 0]" });
                        shape = null;
                        break;
                }
                if (shape is not null) entry["shape"] = new JsonArray(shape.Select(s => (JsonNode)s).ToArray());
                break;
            }
            case "metadata":
                switch (random.Next(5))
                {
                    case 0: header["__metadata__"] = null; break;
                    case 1: header["__metadata__"] = new JsonObject { ["k"] = null }; break;
                    case 2: header["__metadata__"] = new JsonObject { ["k"] = 3 }; break;
                    case 3: header["__metadata__"] = new JsonArray("a"); break;
                    default: header["__metadata__"] = new JsonObject { ["k"] = "v" }; break;   // valid
                }
                break;
            case "duplicate name" when name is not null:
            {
                // A second entry under a name already used (JSON duplicate keys): the object model cannot hold it.
                var json = header.ToJsonString();
                var other = names.Count > 1 ? names[(names.IndexOf(name) + 1) % names.Count] : "__metadata__";
                text = Regex.Replace(json, "^\\{", "{" + JsonSerializer.Serialize(other) + ":" + header[name]!.ToJsonString() + ",");
                break;
            }
            case "duplicate key" when entry is not null:
            {
                var key = new[] { "dtype", "shape", "data_offsets" }[random.Next(3)];
                var value = entry[key]!.ToJsonString();
                var entryJson = entry.ToJsonString();
                text = header.ToJsonString().Replace(entryJson, "{" + JsonSerializer.Serialize(key) + ":" + value + "," + entryJson[1..]);
                break;
            }
            case "unknown key" when entry is not null:
                entry[random.Next(2) == 0 ? "extra" : "Dtype"] = 1;
                break;
            case "missing key" when entry is not null:
                entry.Remove(new[] { "dtype", "shape", "data_offsets" }[random.Next(3)]);
                break;
            case "drop tensor" when name is not null:
                header.Remove(name);   // valid only when its bytes were none
                break;
            case "rename tensor" when name is not null:
                var node = header[name]!;
                header.Remove(name);
                header[random.Next(3) == 0 ? "" : name + "_renamed"] = node;   // valid
                break;
            default:
                Flip(file, random.Next(file.Length), random);
                return ("bit flip", file);
        }
        var headerBytes = Encoding.UTF8.GetBytes(text ?? header.ToJsonString());
        // Padded with spaces (as our writer does) or not (as PyTorch's does).
        var pad = random.Next(2) == 0 ? 0 : (8 - headerBytes.Length % 8) % 8;
        var framed = new byte[8 + headerBytes.Length + pad + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(framed, (ulong)(headerBytes.Length + pad));
        headerBytes.CopyTo(framed, 8);
        framed.AsSpan(8 + headerBytes.Length, pad).Fill((byte)' ');
        data.CopyTo(framed, 8 + headerBytes.Length + pad);
        return (kind, framed);
    }

    private static void Flip(byte[] file, int at, Random random) => file[at] ^= (byte)(1 << random.Next(8));

    // ---- an independent validator ---------------------------------------------------------------------------------

    private sealed record Expected(string? Error, Dictionary<string, (string Dtype, long[] Shape, byte[] Bytes)> Tensors, Dictionary<string, string> Metadata);

    private static readonly Dictionary<string, int> DtypeSizes = new()
    {
        ["F64"] = 8, ["I64"] = 8, ["F32"] = 4, ["I32"] = 4, ["F16"] = 2, ["BF16"] = 2, ["I16"] = 2, ["I8"] = 1, ["U8"] = 1, ["BOOL"] = 1,
    };

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Digits();

    /// <summary>
    /// The format's rules, written out plainly and with arbitrary-precision arithmetic, so no overflow can make a
    /// bad file look good: an 8-byte length N (at most 100 MB, within the file), N bytes of UTF-8 JSON starting with
    /// '{', an object without duplicate keys anywhere, string-only metadata, entries of exactly dtype, shape and
    /// data_offsets whose byte ranges, sorted, tile the rest of the file from its first byte to its last.
    /// </summary>
    private static Expected Validate(byte[] file)
    {
        var tensors = new Dictionary<string, (string, long[], byte[])>();
        var metadata = new Dictionary<string, string>();
        Expected Fail(string why) => new(why, tensors, metadata);
        if (file.Length < 8) return Fail("shorter than 8 bytes");
        var n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (n > 100_000_000) return Fail("header over 100 MB");
        if ((BigInteger)n + 8 > file.Length) return Fail("header beyond the file");
        var headerBytes = file.AsMemory(8, (int)n);
        if (n == 0 || headerBytes.Span[0] != '{') return Fail("header does not start with {");
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(headerBytes.Span);
        }
        catch (DecoderFallbackException)
        {
            return Fail("not UTF-8");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(headerBytes);
        }
        catch (JsonException)
        {
            return Fail("not JSON");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return Fail("not an object");
            if (HasDuplicateKeys(document.RootElement)) return Fail("duplicate keys");
            var ranges = new List<(string Name, BigInteger Begin, BigInteger End)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                if (property.Name == "__metadata__")
                {
                    if (value.ValueKind != JsonValueKind.Object) return Fail("metadata not an object");
                    foreach (var m in value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String) return Fail("metadata value not a string");
                        metadata[m.Name] = m.Value.GetString()!;
                    }
                    continue;
                }
                if (value.ValueKind != JsonValueKind.Object) return Fail("entry not an object");
                if (!value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).SequenceEqual(["data_offsets", "dtype", "shape"]))
                    return Fail("entry keys are not exactly dtype, shape, data_offsets");
                var dtype = value.GetProperty("dtype");
                if (dtype.ValueKind != JsonValueKind.String || !DtypeSizes.TryGetValue(dtype.GetString()!, out var size)) return Fail("unknown dtype");
                var shape = Naturals(value.GetProperty("shape"));
                var offsets = Naturals(value.GetProperty("data_offsets"));
                if (shape is null || offsets is not { Count: 2 }) return Fail("shape or offsets not natural numbers");
                var bytes = shape.Aggregate(BigInteger.One, (p, d) => p * d) * size;
                if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != bytes) return Fail("offsets do not span the shape");
                if (shape.Any(d => d > long.MaxValue)) return Fail("a dimension beyond 2^63 (no tensor library holds it)");
                ranges.Add((property.Name, offsets[0], offsets[1]));
                tensors[property.Name] = (dtype.GetString()!, shape.Select(d => (long)d).ToArray(), []);
            }
            var dataStart = 8 + (int)n;
            BigInteger cursor = 0;
            foreach (var (name, begin, end) in ranges.OrderBy(r => r.Begin).ThenBy(r => r.End))
            {
                if (begin != cursor) return Fail("gap or overlap");
                if (end > file.Length - dataStart) return Fail("beyond the file");
                tensors[name] = tensors[name] with { Item3 = file[(dataStart + (int)begin)..(dataStart + (int)end)] };
                cursor = end;
            }
            if (cursor != file.Length - dataStart) return Fail("trailing bytes");
        }
        return new Expected(null, tensors, metadata);
    }

    private static bool HasDuplicateKeys(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().GroupBy(p => p.Name, StringComparer.Ordinal).Any(g => g.Count() > 1)
                                || element.EnumerateObject().Any(p => HasDuplicateKeys(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(HasDuplicateKeys),
        _ => false,
    };

    private static List<BigInteger>? Naturals(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array) return null;
        var values = new List<BigInteger>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !Digits().IsMatch(item.GetRawText())) return null;
            values.Add(BigInteger.Parse(item.GetRawText()));
        }
        return values;
    }

    private static readonly Dictionary<ScalarType, string> DtypeNames = new()
    {
        [ScalarType.Float64] = "F64", [ScalarType.Int64] = "I64", [ScalarType.Float32] = "F32", [ScalarType.Int32] = "I32",
        [ScalarType.Float16] = "F16", [ScalarType.BFloat16] = "BF16", [ScalarType.Int16] = "I16", [ScalarType.Int8] = "I8",
        [ScalarType.Byte] = "U8", [ScalarType.Bool] = "BOOL",
    };

    private static string? Differences(Expected expected, Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        if (!expected.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal).SequenceEqual(metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)))
            return "metadata";
        if (!expected.Tensors.Keys.Order(StringComparer.Ordinal).SequenceEqual(tensors.Keys.Order(StringComparer.Ordinal))) return "tensor names";
        foreach (var (name, (dtype, shape, bytes)) in expected.Tensors)
        {
            var t = tensors[name];
            if (DtypeNames[t.dtype] != dtype) return $"'{name}' dtype {t.dtype}, expected {dtype}";
            if (!t.shape.SequenceEqual(shape)) return $"'{name}' shape [{string.Join(", ", t.shape)}], expected [{string.Join(", ", shape)}]";
            if (!(t.numel() == 0 ? [] : t.bytes.ToArray()).SequenceEqual(bytes)) return $"'{name}' bytes";
        }
        return null;
    }
}
