namespace DslAe.Torch.Tests;

public sealed class SafetensorsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dslae-safetensors-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string File(string name) => Path.Combine(folder, name);

    // The Python side of the format: stdlib json + torch.frombuffer, as the issue asks (no safetensors package exists here).
    private const string PythonIo = """
        import json, struct
        DT = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8, "BOOL": torch.bool}
        NAMES = {v: k for k, v in DT.items()}
        def load(path):
            raw = open(path, "rb").read()
            n = struct.unpack("<Q", raw[:8])[0]
            header = json.loads(raw[8:8 + n])
            data = raw[8 + n:]
            meta = header.pop("__metadata__", {})
            out = {}
            for k, e in header.items():
                a, b = e["data_offsets"]
                out[k] = torch.frombuffer(bytearray(data[a:b]), dtype=DT[e["dtype"]]).reshape(e["shape"]) if b > a else torch.empty(e["shape"], dtype=DT[e["dtype"]])
            return out, meta
        def save(path, tensors, meta):
            header, blobs, off = {"__metadata__": meta}, [], 0
            for k, t in tensors.items():
                b = t.contiguous().numpy().tobytes() if t.dtype != torch.bool else bytes(t.to(torch.uint8).tolist())
                header[k] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [off, off + len(b)]}
                blobs.append(b); off += len(b)
            h = json.dumps(header).encode()
            open(path, "wb").write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
        """;

    [Fact]
    public void Round_trip_keeps_every_dtype_shape_value_and_the_metadata()
    {
        using var scope = Torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = Given.Wave([2, 3]).Tensor,
            ["f64"] = Given.Wave([4], 1, 1, ScalarType.Float64).Tensor,
            ["i64"] = Torch.FromArray([long.MinValue, 0, long.MaxValue]),
            ["i32"] = Torch.FromArray([1, -2]),
            ["u8"] = Torch.FromArray(new byte[] { 0, 7, 255 }, [3, 1]),
            ["bool"] = Torch.FromArray([true, false, true]),
            ["scalar"] = Torch.Scalar(3.5),
            ["empty"] = Torch.Zeros([0, 4]),
        };
        var path = File("all.safetensors");
        Safetensors.Save(path, tensors, new Dictionary<string, string> { ["epoch"] = "3", ["note"] = "héllo \"quoted\"" });
        var (loaded, meta) = Safetensors.LoadWithMetadata(path);
        Assert.Equal("3", meta["epoch"]);
        Assert.Equal("héllo \"quoted\"", meta["note"]);
        Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, t) in tensors)
        {
            Assert.Equal(t.Dtype, loaded[name].Dtype);
            Assert.Equal(t.Shape, loaded[name].Shape);
            Assert.Equal(t.ToArray<double>(), loaded[name].ToArray<double>());
            loaded[name].Dispose();
        }
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void PyTorch_reads_what_we_wrote()
    {
        using var scope = Torch.NewDisposeScope();
        var (a, pa) = Given.Wave([2, 3, 4]);
        var (b, pb) = Given.Wave([5], 2, 3, ScalarType.Float64);
        var c = Torch.FromArray([3L, -4L], [2, 1]);
        var path = File("ours.safetensors");
        Safetensors.Save(path, [new("a", a), new("b", b), new("c", c)], new Dictionary<string, string> { ["format"] = "pt" });
        var ok = PythonReference.Run($"""
            {PythonIo}
            t, meta = load({System.Text.Json.JsonSerializer.Serialize(path)})
            result = [bool(torch.equal(t["a"], {pa})), bool(torch.equal(t["b"], {pb})), bool(torch.equal(t["c"], torch.tensor([[3], [-4]]))),
                      str(t["a"].dtype), str(t["b"].dtype), meta["format"]]
            """);
        Assert.Equal("[true,true,true,\"torch.float32\",\"torch.float64\",\"pt\"]", ok.GetRawText().Replace(" ", ""));
    }

    [Fact]
    public void We_read_what_PyTorch_wrote()
    {
        var path = File("theirs.safetensors");
        var (a, pa) = Given.Wave([3, 2]);
        PythonReference.Run($$"""
            {{PythonIo}}
            save({{System.Text.Json.JsonSerializer.Serialize(path)}}, {"w": {{pa}}, "steps": torch.tensor([1, 2, 3]), "mask": torch.tensor([True, False]), "d": torch.arange(4, dtype=torch.float64)}, {"epoch": "7"})
            result = None
            """);
        var (tensors, meta) = Safetensors.LoadWithMetadata(path);
        Assert.Equal("7", meta["epoch"]);
        Assert.Equal(a.ToArray<float>(), tensors["w"].ToArray<float>());
        Assert.Equal([3L, 2], tensors["w"].Shape);
        Assert.Equal([1L, 2, 3], tensors["steps"].ToArray<long>());
        Assert.Equal([true, false], tensors["mask"].ToArray<bool>());
        Assert.Equal([0.0, 1, 2, 3], tensors["d"].ToArray<double>());
        foreach (var t in tensors.Values) t.Dispose();
        a.Dispose();
    }

    [Fact]
    public void Saving_over_an_existing_file_replaces_it_atomically()
    {
        var path = File("model.safetensors");
        using var one = Torch.Ones([2]);
        using var two = Torch.Full([3], 2);
        Safetensors.Save(path, [new("x", one)]);
        Safetensors.Save(path, [new("x", two)]);
        var loaded = Safetensors.Load(path);
        Assert.Equal([2f, 2f, 2f], loaded["x"].ToArray<float>());
        loaded["x"].Dispose();
        Assert.Single(Directory.GetFiles(folder));
    }

    [Theory]
    [InlineData("short", "fewer than the 8-byte header length")]
    [InlineData("huge-length", "exceeds the file size")]
    [InlineData("bad-json", "not valid JSON")]
    [InlineData("truncated-data", "run past the end of the file")]
    [InlineData("wrong-span", "do not span the 24 bytes")]
    [InlineData("bad-dtype", "unknown dtype")]
    public void Corrupt_files_name_the_file_and_the_problem(string kind, string expected)
    {
        var path = File($"{kind}.safetensors");
        System.IO.File.WriteAllBytes(path, kind switch
        {
            "short" => [1, 2, 3],
            "huge-length" => [.. BitConverter.GetBytes(1_000_000L), .. "{}"u8],
            "bad-json" => Framed("{\"x\": "),
            "truncated-data" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[6],\"data_offsets\":[0,24]}}", 8),
            "wrong-span" => Framed("{\"x\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", 24),
            "bad-dtype" => Framed("{\"x\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1),
            _ => throw new ArgumentException(kind),
        });
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    private static byte[] Framed(string header, int dataBytes = 0)
    {
        var h = System.Text.Encoding.UTF8.GetBytes(header);
        return [.. BitConverter.GetBytes((long)h.Length), .. h, .. new byte[dataBytes]];
    }
}
