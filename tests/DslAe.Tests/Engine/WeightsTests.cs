using System.Text.Json;
using DslAe.Serialization;
using static TorchSharp.torch;

namespace DslAe.Tests.Engine;

/// <summary>
/// Loading weights into a generated module. <see cref="Weights.LoadStateDict"/> exists because TorchSharp 0.107's own
/// <c>load_state_dict</c> silently broadcasts a tensor of the wrong shape into a parameter; it must check everything
/// before copying anything.
/// </summary>
public sealed class WeightsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Independent copies of a module's state, so changing them cannot change the module.</summary>
    private static Dictionary<string, Tensor> CopyOf(nn.Module module) => module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    private static void AssertUnchanged(Dictionary<string, Tensor> before, nn.Module module)
    {
        foreach (var (key, value) in module.state_dict()) Expect.Same(before[key], value, key);
    }

    [Fact]
    public void A_wrong_shaped_tensor_is_refused_naming_key_and_both_shapes_and_nothing_is_copied()
    {
        using var scope = NewDisposeScope();
        using var module = TinyAe.Definition.CreateModule();
        var before = CopyOf(module);
        var state = CopyOf(module);
        state["Enc1.bias"] = full(8, 0.25f);       // a valid change that must not be applied either
        state["Enc1.weight"] = zeros(3, 3);         // what TorchSharp's load_state_dict would broadcast into 8x1x3x3

        var e = Assert.Throws<InvalidDataException>(() => Weights.LoadStateDict(module, state, strict: false));
        Assert.Contains("Enc1.weight", e.Message);
        Assert.Contains("[3, 3]", e.Message);
        Assert.Contains("[8, 1, 3, 3]", e.Message);
        AssertUnchanged(before, module);
    }

    [Fact]
    public void Strict_loading_names_missing_and_unexpected_keys_and_copies_nothing()
    {
        using var scope = NewDisposeScope();
        using var module = TinyAe.Definition.CreateModule();
        var before = CopyOf(module);
        var state = CopyOf(module);
        foreach (var t in state.Values) using (no_grad()) t.add_(1);
        state.Remove("Dec2.bias");
        state["Head.weight"] = zeros(1);

        var e = Assert.Throws<InvalidDataException>(() => Weights.LoadStateDict(module, state));
        Assert.Contains("missing keys Dec2.bias", e.Message);
        Assert.Contains("unexpected keys Head.weight", e.Message);
        AssertUnchanged(before, module);

        // Not strict: the rest is loaded, and the skipped keys are reported.
        var result = Weights.LoadStateDict(module, state, strict: false);
        Assert.Equal(["Dec2.bias"], result.MissingKeys);
        Assert.Equal(["Head.weight"], result.UnexpectedKeys);
        Expect.Same(state["Enc1.weight"], module.state_dict()["Enc1.weight"]);
        Expect.Same(before["Dec2.bias"], module.state_dict()["Dec2.bias"]);
    }

    [Fact]
    public void Tensors_of_another_dtype_are_converted_into_the_modules_dtype()
    {
        using var scope = NewDisposeScope();
        using var module = TinyAe.Definition.CreateModule();
        var state = module.state_dict().ToDictionary(kv => kv.Key, kv => Given.Wave(kv.Value.shape, kv.Key.Length, 0.1, ScalarType.Float64).Tensor);
        Weights.LoadStateDict(module, state);
        foreach (var (key, value) in module.state_dict())
        {
            Assert.Equal(ScalarType.Float32, value.dtype);
            Expect.Same(state[key].to(ScalarType.Float32), value, key);
        }
    }

    [Fact]
    public void Save_then_load_of_a_generated_module_is_bit_exact_and_PyTorch_reads_the_same_names_and_values()
    {
        using var scope = NewDisposeScope();
        using var trained = TinyAe.Definition.CreateModule();
        // One optimiser step so the values are not just a fresh initialisation.
        using (var optimizer = Training.OptimizerFactory.Create(TinyAe.Definition.Training, trained.parameters()))
        {
            var x = TestData.Fashion.Slice(0, 8);
            trained.ComputeLoss(x, x).Total.backward();
            optimizer.step();
        }
        var path = folder.File("tiny.safetensors");
        Weights.Save(trained, path, new Dictionary<string, string> { ["model"] = "TinyAe" });

        using var fresh = TinyAe.Definition.CreateModule();
        var result = Weights.Load(fresh, path);
        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
        var expected = trained.state_dict();
        Assert.Equal(expected.Keys, fresh.state_dict().Keys);
        foreach (var (key, value) in fresh.state_dict())
            Assert.True(expected[key].contiguous().bytes.SequenceEqual(value.contiguous().bytes), $"{key} differs after Save/Load");

        var sums = PythonReference.Run($$"""
            {{SafetensorsPython.Code}}
            t, meta, n = st_load({{JsonSerializer.Serialize(path)}})
            result = {"keys": list(t.keys()), "sums": [t[k].double().sum().item() for k in t], "model": meta["model"]}
            """);
        Assert.Equal(expected.Keys, sums.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!));
        Expect.Close(PythonReference.AsDoubles(sums.GetProperty("sums")), expected.Values.Select(v => v.to(ScalarType.Float64).sum().item<double>()).ToArray(), 1e-12);
        Assert.Equal("TinyAe", sums.GetProperty("model").GetString());
    }

    [Fact]
    public void Loading_a_file_of_another_model_names_the_file()
    {
        using var scope = NewDisposeScope();
        using var denoiser = TinyDenoiser.Definition.CreateModule();
        var path = folder.File("denoiser.safetensors");
        Weights.Save(denoiser, path);
        using var module = TinyAe.Definition.CreateModule();
        var e = Assert.Throws<InvalidDataException>(() => Weights.Load(module, path));
        Assert.Contains(path, e.Message);
        Assert.Contains("shape mismatch", e.Message);
    }
}
