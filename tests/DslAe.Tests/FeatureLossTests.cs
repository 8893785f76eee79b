using System.Text.Json;
using DslAe.Data;
using DslAe.Serialization;
using DslAe.Tests.Engine;
using DslAe.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DslAe.Tests;

/// <summary>Perceptual and style losses through a frozen network of the project, against independent computations in Debian's PyTorch.</summary>
public class FeatureLossTests
{
    /// <summary>Where TinyPerceptual's declaration reads its φ, relative to the working directory.</summary>
    public const string ClassifierWeights = "feature-networks/tiny-classifier.safetensors";

    [Fact]
    public void Gram_matrices_and_the_style_and_perceptual_sums_match_pytorch()
    {
        using var scope = NewDisposeScope();
        var (a, pa) = Given.Wave([2, 3, 4, 5], 0.2, 1.3, ScalarType.Float64);
        var (b, pb) = Given.Wave([2, 3, 4, 5], 1.1, 0.7, ScalarType.Float64);

        Expect.Close(FeatureLosses.Gram(a), $"""
            a = {pa}
            psi = a.reshape(2, 3, 20)
            result = torch.bmm(psi, psi.transpose(1, 2)) / (3 * 4 * 5)
            """, tolerance: 1e-12);

        // Through TinyClassifier as φ: the same weights in PyTorch, its two stages written out by hand.
        var phi = TinyClassifier.Definition.CreateModule();
        var weights = phi.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float64));
        phi.to(ScalarType.Float64);
        var (x, px) = Given.Wave([2, 1, 28, 28], 0.4, 0.5, ScalarType.Float64);
        var (y, py) = Given.Wave([2, 1, 28, 28], 2.0, 0.5, ScalarType.Float64);
        var w = string.Join("\n", weights.Select(kv => $"W[{JsonSerializer.Serialize(kv.Key)}] = torch.tensor({Given.List(Expect.Values(kv.Value))}, dtype=torch.float64).reshape({string.Join(", ", kv.Value.shape)})"));
        var perceptual = FeatureLosses.Perceptual(phi, x, y, ["Enc1", "Enc2"]);
        var style = FeatureLosses.Style(phi, x, y, ["Enc1", "Enc2"]);
        Expect.Close(stack([perceptual, style]), $$"""
            import torch.nn.functional as F
            W = {}
            {{w}}
            # Same padding at stride 2 on an even size pads one pixel after, none before (TensorFlow's rule).
            def phi(t):
                e1 = F.relu(F.conv2d(F.pad(t, (0, 1, 0, 1)), W["Enc1.weight"], W["Enc1.bias"], stride=2))
                e2 = F.relu(F.conv2d(F.pad(e1, (0, 1, 0, 1)), W["Enc2.weight"], W["Enc2.bias"], stride=2))
                return [e1, e2]
            def gram(f):
                n, c, h, w = f.shape
                p = f.reshape(n, c, h * w)
                return torch.bmm(p, p.transpose(1, 2)) / (c * h * w)
            fx, fy = phi({{px}}), phi({{py}})
            perceptual = sum(((a - b) ** 2).sum(dim=(1, 2, 3)) / a[0].numel() for a, b in zip(fx, fy)).mean()
            style = sum(((gram(a) - gram(b)) ** 2).sum(dim=(1, 2)) for a, b in zip(fx, fy)).mean()
            result = torch.stack([perceptual, style])
            """, tolerance: 1e-10);
        phi.Dispose();
    }

    [Fact]
    public void A_perceptual_and_style_trained_model_reads_its_network_from_pytorch_written_weights_and_learns()
    {
        using var folder = new TempFolder();
        // φ's weights, written by Debian's PyTorch under the generated module's state_dict names.
        var path = Path.GetFullPath(ClassifierWeights);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        PythonReference.Run($$"""
            {{SafetensorsPython.Code}}
            g = torch.Generator().manual_seed(3)
            shapes = {"Enc1.weight": (8, 1, 3, 3), "Enc1.bias": (8,), "Enc2.weight": (16, 8, 3, 3), "Enc2.bias": (16,), "Logits.weight": (10, 784), "Logits.bias": (10,)}
            st_save({{JsonSerializer.Serialize(path)}}, {k: torch.randn(*s, generator=g) * 0.3 for k, s in shapes.items()}, {})
            result = None
            """);
        var written = Safetensors.Load(path);

        using var run = new SmallRun(TinyPerceptual.Definition, folder, train: 1200, test: 200);
        var (data, trainer) = (run.Data, run.Trainer);
        var result = run.Fit();

        var (first, last) = (result.History[1].Train!.Terms, result.History[^1].Train!.Terms);
        Assert.True(last["perceptual"] < first["perceptual"] && last["style"] <= first["style"] * 1.05, $"perceptual {first["perceptual"]} -> {last["perceptual"]}, style {first["style"]} -> {last["style"]}");
        Assert.True(result.Test!.Psnr > result.History[0].Validation.Psnr + 3, $"{result.History[0].Validation.Psnr} -> {result.Test.Psnr}");
        // The model's own parameters do not include φ's, and its checkpoints do not hold them.
        Assert.DoesNotContain(trainer.Module.state_dict().Keys, k => k.StartsWith("Enc2", StringComparison.Ordinal) || k.StartsWith("Logits", StringComparison.Ordinal));
        // The loss really reads PyTorch's weights: the same loss with φ built from them by hand.
        using var scope = NewDisposeScope();
        var phi = TinyClassifier.Definition.CreateModule();
        Weights.LoadStateDict(phi, written);
        var batch = data.Test!.Slice(0, 16);
        trainer.Module.eval();
        using (no_grad())
        {
            var pass = trainer.Module.Run(batch);
            var expected = FeatureLosses.Perceptual(phi, pass.Output, batch, ["Enc1", "Enc2"]).item<float>();
            var actual = trainer.Module.ComputeLoss(pass, batch).Terms.Single(t => t.Name == "perceptual").Value.item<float>();
            Assert.Equal(expected, actual, 6);
        }
        foreach (var t in written.Values) t.Dispose();
        phi.Dispose();
    }

    [Fact]
    public void A_missing_weights_file_names_the_network_and_how_to_make_it()
    {
        var model = TinyPerceptual.Definition;
        using var module = model.CreateModule();
        var path = Path.GetFullPath(ClassifierWeights);
        var backup = path + ".away";
        var existed = File.Exists(path);
        if (existed) File.Move(path, backup, overwrite: true);
        try
        {
            using var scope = NewDisposeScope();
            var images = zeros(2, 1, 28, 28);
            var e = Assert.Throws<FileNotFoundException>(() => module.ComputeLoss(images, images));
            Assert.Contains("TinyPerceptual's feature loss reads TinyClassifier's weights from feature-networks/tiny-classifier.safetensors", e.Message);
            Assert.Contains("train TinyClassifier (train --model TinyClassifier --out <folder>)", e.Message);
        }
        finally
        {
            if (existed) File.Move(backup, path, overwrite: true);
        }
    }
}
