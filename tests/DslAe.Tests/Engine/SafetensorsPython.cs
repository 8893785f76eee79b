namespace DslAe.Tests.Engine;

/// <summary>
/// The safetensors format written out in Python with nothing but the standard library and torch (Debian has no
/// safetensors package): an 8-byte little-endian header length, a JSON header, the raw little-endian bytes. An
/// independent reader and writer to check ours against.
/// </summary>
public static class SafetensorsPython
{
    public const string Code = """
        import json, struct
        DT = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64,
              "I32": torch.int32, "U8": torch.uint8, "BOOL": torch.bool}
        NAMES = {v: k for k, v in DT.items()}
        def st_load(path):
            raw = open(path, "rb").read()
            n = struct.unpack("<Q", raw[:8])[0]
            header = json.loads(raw[8:8 + n])
            data = raw[8 + n:]
            meta = header.pop("__metadata__", {})
            out = {}
            for k, e in header.items():
                a, b = e["data_offsets"]
                if b > a:
                    out[k] = torch.frombuffer(bytearray(data[a:b]), dtype=DT[e["dtype"]]).reshape(e["shape"])
                else:
                    out[k] = torch.empty(e["shape"], dtype=DT[e["dtype"]])
            return out, meta, n
        def st_save(path, tensors, meta):
            header, blobs, off = {"__metadata__": meta}, [], 0
            for k, t in tensors.items():
                b = t.contiguous().reshape(-1).view(torch.uint8).numpy().tobytes()
                header[k] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [off, off + len(b)]}
                blobs.append(b); off += len(b)
            h = json.dumps(header).encode()   # no padding: the data starts unaligned
            open(path, "wb").write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
        def same(a, b):
            return a.dtype == b.dtype and list(a.shape) == list(b.shape) and bytes(a.contiguous().reshape(-1).view(torch.uint8).tolist()) == bytes(b.contiguous().reshape(-1).view(torch.uint8).tolist())
        """;
}
