using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using DslAe.Serialization;
using static TorchSharp.torch;

namespace DslAe.Tests.Engine;

/// <summary>
/// DslAe's safetensors reader and writer: bit-exact round trips of every dtype the format shares with PyTorch, the
/// metadata map (where checkpoints keep their training state), files exchanged with an independent Python
/// implementation in both directions, and corrupt files refused with the file's name.
/// </summary>
public sealed class SafetensorsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static byte[] Bytes(Tensor t) => t.contiguous().bytes.ToArray();

    private static Dictionary<string, Tensor> EveryDtype() => new()
    {
        ["f32"] = Given.Wave([2, 3]).Tensor,
        ["f32_special"] = tensor(new[] { -0f, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, 1e38f, float.NaN }),
        ["f64"] = Given.Wave([4], 1, 1e10, ScalarType.Float64).Tensor,
        ["f16"] = Given.Wave([5], 2, 100, ScalarType.Float16).Tensor,
        ["bf16"] = Given.Wave([2, 2], 3, 1e20, ScalarType.BFloat16).Tensor,
        ["i64"] = tensor(new[] { long.MinValue, -1L, 0L, long.MaxValue }),
        ["i32"] = tensor(new[] { int.MinValue, 7, int.MaxValue }),
        ["u8"] = tensor(new byte[] { 0, 7, 255 }, [3, 1]),
        ["bool"] = tensor(new[] { true, false, true }),
        ["scalar"] = tensor(3.5f),
        ["empty"] = zeros(0, 4),
        ["transposed"] = Given.Wave([3, 4], 4).Tensor.t(),   // not contiguous: written in logical order
    };

    private static readonly Dictionary<string, string> Metadata = new()
    {
        ["epoch"] = "3",
        ["note"] = "héllo \"quoted\"\nsecond line",
        ["empty"] = "",
    };

    [Fact]
    public void Round_trip_keeps_every_dtype_shape_bit_and_the_metadata()
    {
        using var scope = NewDisposeScope();
        var tensors = EveryDtype();
        var path = folder.File("all.safetensors");
        Safetensors.Save(path, tensors, Metadata);

        var (loaded, meta) = Safetensors.LoadWithMetadata(path);
        Assert.Equal(Metadata.OrderBy(kv => kv.Key), meta.OrderBy(kv => kv.Key));
        Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, t) in tensors)
        {
            Assert.True(t.dtype == loaded[name].dtype, $"{name}: dtype {loaded[name].dtype}, saved {t.dtype}");
            Assert.Equal(t.shape, loaded[name].shape);
            Assert.True(Bytes(t).SequenceEqual(Bytes(loaded[name])), $"{name}: bytes differ after the round trip");
            loaded[name].Dispose();
        }
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void The_header_is_padded_so_the_data_starts_8_byte_aligned()
    {
        using var scope = NewDisposeScope();
        var path = folder.File("aligned.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["x"] = ones(3) }, new Dictionary<string, string> { ["k"] = "v" });
        var file = File.ReadAllBytes(path);
        var length = (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0, (8 + length) % 8);
        Assert.Equal(8 + length + 12, file.Length);
        using var header = JsonDocument.Parse(file.AsMemory(8, (int)length));   // spaces after the JSON are allowed
        Assert.Equal("v", header.RootElement.GetProperty("__metadata__").GetProperty("k").GetString());
    }

    [Fact]
    public void PyTorch_reads_what_we_wrote()
    {
        using var scope = NewDisposeScope();
        var tensors = EveryDtype();
        tensors.Remove("f32_special");   // NaN's sign bit differs between .NET and Python; the rest is compared bitwise
        tensors["f32_special"] = tensor(new[] { -0f, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, 1e38f });
        var path = folder.File("ours.safetensors");
        Safetensors.Save(path, tensors, Metadata);
        var expected = new Dictionary<string, string>
        {
            ["f32"] = Given.Wave([2, 3]).Python,
            ["f32_special"] = "torch.tensor([-0.0, float('inf'), -float('inf'), 1.401298464324817e-45, 1e38], dtype=torch.float32)",
            ["f64"] = Given.Wave([4], 1, 1e10, ScalarType.Float64).Python,
            ["f16"] = Given.Wave([5], 2, 100, ScalarType.Float16).Python,
            ["bf16"] = Given.Wave([2, 2], 3, 1e20, ScalarType.BFloat16).Python,
            ["i64"] = "torch.tensor([-9223372036854775808, -1, 0, 9223372036854775807])",
            ["i32"] = "torch.tensor([-2147483648, 7, 2147483647], dtype=torch.int32)",
            ["u8"] = "torch.tensor([[0], [7], [255]], dtype=torch.uint8)",
            ["bool"] = "torch.tensor([True, False, True])",
            ["scalar"] = "torch.tensor(3.5)",
            ["empty"] = "torch.zeros(0, 4)",
            ["transposed"] = Given.Wave([3, 4], 4).Python + ".t()",
        };
        var result = PythonReference.Run($$"""
            {{SafetensorsPython.Code}}
            t, meta, n = st_load({{JsonSerializer.Serialize(path)}})
            expected = {{{string.Join(", ", expected.Select(kv => $"\"{kv.Key}\": {kv.Value}"))}}}
            result = {"same": {k: same(t[k], v) for k, v in expected.items()}, "keys": sorted(t.keys()), "meta": meta}
            """);
        foreach (var (name, _) in expected)
            Assert.True(result.GetProperty("same").GetProperty(name).GetBoolean(), $"PyTorch read '{name}' differently from what we wrote");
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), result.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!));
        Assert.Equal(Metadata.OrderBy(kv => kv.Key), result.GetProperty("meta").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).OrderBy(kv => kv.Key));
    }

    [Fact]
    public void We_read_what_PyTorch_wrote()
    {
        using var scope = NewDisposeScope();
        var path = folder.File("theirs.safetensors");
        var (w, pw) = Given.Wave([3, 2]);
        var (h, ph) = Given.Wave([4], 1, 10, ScalarType.Float16);
        var (b, pb) = Given.Wave([2, 3], 2, 1e5, ScalarType.BFloat16);
        var (d, pd) = Given.Wave([2, 2], 3, 1, ScalarType.Float64);
        PythonReference.Run($$"""
            {{SafetensorsPython.Code}}
            st_save({{JsonSerializer.Serialize(path)}}, {"w": {{pw}}, "h": {{ph}}, "b": {{pb}}, "d": {{pd}},
                "steps": torch.tensor([1, -2, 3]), "i": torch.tensor([5, -6], dtype=torch.int32), "mask": torch.tensor([True, False]),
                "u": torch.tensor([200, 1], dtype=torch.uint8), "s": torch.tensor(2.5), "e": torch.zeros(2, 0)},
                {"epoch": "7", "dslae.state": json.dumps({"a": [1, 2]})})
            result = None
            """);
        var (tensors, meta) = Safetensors.LoadWithMetadata(path);
        Assert.Equal("7", meta["epoch"]);
        Assert.Equal("{\"a\": [1, 2]}", meta["dslae.state"]);
        Expect.Same(w, tensors["w"], "w");
        Expect.Same(h, tensors["h"], "h");
        Expect.Same(b, tensors["b"], "b");
        Expect.Same(d, tensors["d"], "d");
        Assert.Equal([1L, -2, 3], tensors["steps"].data<long>().ToArray());
        Assert.Equal([5, -6], tensors["i"].data<int>().ToArray());
        Assert.Equal([true, false], tensors["mask"].data<bool>().ToArray());
        Assert.Equal(new byte[] { 200, 1 }, tensors["u"].data<byte>().ToArray());
        Assert.Empty(tensors["s"].shape);
        Assert.Equal(2.5f, tensors["s"].item<float>());
        Assert.Equal([2L, 0], tensors["e"].shape);
        foreach (var t in tensors.Values) t.Dispose();
    }

    [Fact]
    public void Saving_over_an_existing_file_replaces_it()
    {
        using var scope = NewDisposeScope();
        var path = folder.File("model.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["x"] = ones(2), ["y"] = ones(1) });
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["x"] = full(3, 2f) });
        var loaded = Safetensors.Load(path);
        Assert.Equal(["x"], loaded.Keys);
        Assert.Equal([2f, 2f, 2f], loaded["x"].data<float>().ToArray());
        loaded["x"].Dispose();
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Names_that_the_format_cannot_hold_are_refused_on_save()
    {
        using var scope = NewDisposeScope();
        var path = folder.File("bad.safetensors");
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() => Safetensors.Save(path, [new("__metadata__", ones(1))])).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => Safetensors.Save(path, [new("a", ones(1)), new("a", ones(1))])).Message);
        Assert.False(File.Exists(path));
    }

    public static TheoryData<string, string> CorruptCases => new()
    {
        { "short", "fewer than the 8-byte header length" },
        { "huge header length", "exceeds the file size" },
        { "not JSON", "not valid JSON" },
        { "not an object", "does not start with '{'" },
        { "not an object after spaces", "does not start with '{'" },
        { "header length beyond the format's limit", "exceeds the format's limit of 100000000 bytes" },
        { "invalid UTF-8", "not valid UTF-8" },
        { "trailing bytes", "8 bytes at the end of the file belong to no tensor" },
        { "gap between tensors", "leave a gap: bytes [4, 8)" },
        { "overlapping tensors", "overlap tensor 'a' [0, 8]" },
        { "first tensor not at 0", "leave a gap: bytes [0, 4)" },
        { "offsets near 2^63", "run past the end of the file" },
        { "offset beyond 2^63", "not an integer from 0 to 9223372036854775807" },
        { "begin after end", "are not a [begin, end] pair" },
        { "duplicate key in an entry", "names \"dtype\" twice" },
        { "duplicate metadata key", "names 'k' twice" },
        { "metadata value null", "\"__metadata__\".k must be a string, not null" },
        { "unknown key in an entry", "unknown key \"extra\"" },
        { "fractional dimension", "not an integer" },
        { "entry not an object", "malformed header entry" },
        { "truncated data", "run past the end of the file" },
        { "offsets not matching the shape", "do not span the 24 bytes" },
        { "offsets of three numbers", "are not a [begin, end] pair" },
        { "unknown dtype", "unknown dtype" },
        { "no shape", "malformed header entry" },
        { "negative dimension", "tensor 'x'" },
        { "metadata not strings", "__metadata__" },
        { "metadata null", "__metadata__" },
        { "duplicate names", "'x'" },
        { "overflowing shape", "tensor 'x'" },
    };

    [Theory]
    [MemberData(nameof(CorruptCases))]
    public void Corrupt_files_raise_InvalidDataException_naming_the_file_and_the_problem(string kind, string expected)
    {
        var path = folder.File(kind.Replace(' ', '-') + ".safetensors");
        File.WriteAllBytes(path, kind switch
        {
            "short" => [1, 2, 3],
            "huge header length" => [.. BitConverter.GetBytes(1_000_000L), .. "{}"u8],
            "not JSON" => Framed("{\"x\": "),
            "not an object" => Framed("[1, 2]"),
            "not an object after spaces" => Framed("  {}"),
            "header length beyond the format's limit" => [.. BitConverter.GetBytes(100_000_001L), .. new byte[100]],
            "invalid UTF-8" => Framed([.. "{\"__metadata__\":{\"k\":\""u8, 0xff, .. "\"}}"u8]),
            "trailing bytes" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 12),
            "gap between tensors" => Framed("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12),
            "overlapping tensors" => Framed("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12),
            "first tensor not at 0" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
            // end - begin = 4 as the shape says, but both far beyond any file: must not wrap to a small position.
            "offsets near 2^63" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[9223372036854775803,9223372036854775807]}}", 4),
            "offset beyond 2^63" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[18446744073709551612,18446744073709551616]}}", 4),
            "begin after end" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", 4),
            "duplicate key in an entry" => Framed("{\"x\":{\"dtype\":\"F32\",\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
            "duplicate metadata key" => Framed("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}"),
            "metadata value null" => Framed("{\"__metadata__\":{\"k\":null}}"),
            "unknown key in an entry" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}}", 4),
            "fractional dimension" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}", 4),
            "entry not an object" => Framed("{\"x\":[0,4]}", 4),
            "truncated data" => Truncated(),
            "offsets not matching the shape" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[6],\"data_offsets\":[0,20]}}", 24),
            "offsets of three numbers" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[6],\"data_offsets\":[0,24,48]}}", 48),
            "unknown dtype" => Framed("{\"x\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1),
            "no shape" => Framed("{\"x\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4),
            "negative dimension" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,-4]}}", 8),
            "metadata not strings" => Framed("{\"__metadata__\":{\"epoch\":3},\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
            "metadata null" => Framed("{\"__metadata__\":null,\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
            "duplicate names" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
            // 2^62 x 4 floats: the byte count wraps to 0 in 64-bit arithmetic and matches the empty span.
            "overflowing shape" => OverflowingShape(),
            _ => throw new ArgumentException(kind),
        });
        var e = Assert.ThrowsAny<Exception>(() => Safetensors.Load(path));
        Assert.True(e is InvalidDataException, $"{kind}: expected InvalidDataException, got {e.GetType().Name}: {e.Message}");
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_missing_file_is_an_InvalidDataException_naming_it()
    {
        var path = folder.File("absent.safetensors");
        Assert.Contains(path, Assert.Throws<InvalidDataException>(() => Safetensors.Load(path)).Message);
    }

    /// <summary>A valid file of two tensors with its last bytes cut off.</summary>
    private byte[] Truncated()
    {
        using var scope = NewDisposeScope();
        var path = folder.File("whole.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["a"] = ones(4), ["x"] = ones(8) });
        var bytes = File.ReadAllBytes(path);
        return bytes[..^10];
    }

    /// <summary>A header whose shape's byte count wraps around to 0 in 64-bit arithmetic, with offsets [0, 0].</summary>
    public static byte[] OverflowingShape() =>
        Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,0]}}");

    private static byte[] Framed(string header, int dataBytes = 0) => Framed(Encoding.UTF8.GetBytes(header), dataBytes);

    private static byte[] Framed(byte[] header, int dataBytes = 0) => [.. BitConverter.GetBytes((long)header.Length), .. header, .. new byte[dataBytes]];
}
