using DslAe.Data;
using DslAe.Reports;
using static TorchSharp.torch;

namespace DslAe.Tests;

/// <summary>New images from a variational model's prior (issue 10, item 6): the runtime call and the <c>sample</c> command.</summary>
public sealed class SamplingTests
{
    [Fact]
    public void Codes_from_the_prior_decode_to_images_reproducibly_per_seed()
    {
        using var module = TinyVae.Definition.CreateModule();
        var latent = TinyVae.Definition.Latent!;
        Assert.Equal(("Code", "Variational", true), (latent.Name, latent.Kind, latent.IsVariational));
        Assert.Equal([4], latent.CodeShape);

        using var first = Sampling.FromPrior(module, 5, seed: 3, CPU);
        using var again = Sampling.FromPrior(module, 5, seed: 3, CPU);
        using var other = Sampling.FromPrior(module, 5, seed: 4, CPU);

        Assert.Equal([5L, 1, 28, 28], first.shape);
        Assert.True(first.min().item<float>() >= 0 && first.max().item<float>() <= 1);   // the decoder ends in a sigmoid
        Assert.Equal(first.data<float>().ToArray(), again.data<float>().ToArray());
        Assert.NotEqual(first.data<float>().ToArray(), other.data<float>().ToArray());
        Assert.True(module.training);   // back in the mode it was in
    }

    [Fact]
    public void A_model_without_a_variational_latent_says_what_to_declare()
    {
        var dense = Assert.Throws<ArgumentException>(() => Sampling.SampledLatent(TinyAe.Definition));
        Assert.Equal("TinyAe: sampling draws codes from the prior of a variational latent or from a Gaussian fitted to learned (GLO) codes, and TinyAe's latent Code is Dense; declare it with Kind = LatentKind.Variational (YAML: kind: variational) and a Kl loss, or Kind = LatentKind.Learned, then train again", dense.Message);
    }

    [Fact]
    public async Task The_sample_command_writes_a_grid_of_a_trained_model_s_samples()
    {
        using var folder = new TempFolder();
        var data = folder.File("fashion");
        SmallFashionMnist.Write(data, train: 400, test: 100);
        var run = folder.File("run");
        var (code, _, error) = await CliTests.Run("train", "--model", "TinyVae", "--data", data, "--out", run, "--device", "cpu");
        Assert.True(code == 0, error);

        var grid = folder.File("samples.png");
        (code, var output, error) = await CliTests.Run("sample", "--model", "TinyVae", "--checkpoint", run, "--count", "16", "--seed", "3", "--out", grid);
        Assert.True(code == 0, error);
        Assert.Contains("16 samples of TinyVae's prior, seed 3", output);
        var image = ImageFile.Read(grid, 1);
        Assert.Equal(2 * 28 * 3 + 3 * 2, image.Height);   // two rows of eight
        Assert.Equal(8 * 28 * 3 + 9 * 2, image.Width);

        var again = folder.File("again.png");
        (code, _, _) = await CliTests.Run("sample", "--model", "TinyVae", "--checkpoint", run, "--count", "16", "--seed", "3", "--out", again);
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllBytes(grid), File.ReadAllBytes(again));

        (code, _, error) = await CliTests.Run("sample", "--model", "TinyAe", "--out", folder.File("no.png"));
        Assert.Equal(1, code);
        Assert.Contains("TinyAe's latent Code is Dense; declare it with Kind = LatentKind.Variational", error);
    }
}
