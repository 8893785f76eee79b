using DslAe.Data;
using DslAe.Reports;
using DslAe.Tests.Engine;
using DslAe.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DslAe.Tests;

/// <summary>GLO: a generator and one learned code per training image, on real Fashion-MNIST images.</summary>
public class GloTests
{
    [Fact]
    public void Pca_codes_are_the_images_on_their_top_principal_components_scaled_into_the_unit_ball()
    {
        using var scope = NewDisposeScope();
        var images = TestData.Fashion.Slice(0, 500);
        var codes = LearnedCodes.Initial(images, 8, CodeInit.Pca, seed: 1);

        Assert.Equal([500L, 8], codes.shape);
        Assert.Equal(1.0, codes.norm(1).max().item<float>(), 5);
        // Principal components: uncorrelated coordinates, variances in decreasing order, the first the largest of any direction.
        var centred = codes - codes.mean([0], keepdim: true);
        var covariance = centred.t().matmul(centred) / 500;
        var variances = covariance.diagonal().data<float>().ToArray();
        Assert.Equal(variances.OrderByDescending(v => v), variances);
        var offDiagonal = (covariance - covariance.diagonal().diag()).abs().max().item<float>();
        Assert.True(offDiagonal < 1e-4 * variances[0], $"off-diagonal covariance {offDiagonal}");
        var gaussian = LearnedCodes.Initial(images, 8, CodeInit.Gaussian, seed: 1);
        Assert.True(gaussian.equal(LearnedCodes.Initial(images, 8, CodeInit.Gaussian, seed: 1)).all().item<bool>());
        var e = Assert.Throws<ArgumentException>(() => LearnedCodes.Initial(images.narrow(0, 0, 4), 8, CodeInit.Pca, seed: 1));
        Assert.Contains("use fewer dimensions or Init = CodeInit.Gaussian", e.Message);
    }

    [Fact]
    public void The_laplacian_loss_is_glo_lap1_over_the_pixel_count_by_an_independent_pytorch_pyramid()
    {
        using var scope = NewDisposeScope();
        var (x, px) = Given.Wave([1, 2, 32, 32], 0.3, 0.8, ScalarType.Float64);
        var (y, py) = Given.Wave([1, 2, 32, 32], 1.7, 0.6, ScalarType.Float64);

        var ours = LaplacianPyramid.Loss(x, y, 4) * (1 * 2 * 32 * 32);

        // Burt and Adelson written out: REDUCE = blur (reflect padding) and keep every second sample; EXPAND = zeros
        // between the samples, then blur with 4w; Lap1 = sum over levels j of 2^(2j) * |L_j(x) - L_j(y)|_1.
        Expect.Close(ours.reshape(1), $"""
            import torch.nn.functional as F
            x = {px}
            y = {py}
            k = torch.tensor([1., 4., 6., 4., 1.], dtype=torch.float64) / 16
            w = (k[:, None] * k[None, :])[None, None].repeat(2, 1, 1, 1)
            def reduce(g): return F.conv2d(F.pad(g, (2, 2, 2, 2), mode='reflect'), w, groups=2)[:, :, ::2, ::2]
            def expand(g, h, wd):
                up = torch.zeros(g.shape[0], g.shape[1], h, wd, dtype=g.dtype)
                up[:, :, ::2, ::2] = g
                return F.conv2d(F.pad(up, (2, 2, 2, 2)), 4 * w, groups=2)
            def bands(g, levels):
                out = []
                for _ in range(levels - 1):
                    r = reduce(g)
                    out.append(g - expand(r, g.shape[2], g.shape[3]))
                    g = r
                return out + [g]
            bx, by = bands(x, 4), bands(y, 4)
            result = torch.stack([sum(2 ** (2 * j) * (a - b).abs().sum() for j, (a, b) in enumerate(zip(bx, by)))])
            """, tolerance: 1e-9);
    }

    [Fact]
    public void The_code_table_steps_only_the_batch_rows_and_keeps_every_code_in_the_unit_ball()
    {
        using var scope = NewDisposeScope();
        using var table = new LearnedCodeTable(tensor(new float[] { 3, 4, 0.1f, 0.2f, 0.5f, 0 }, [3, 2]));
        Assert.Equal(new[] { 0.6f, 0.8f, 0.1f, 0.2f, 0.5f, 0 }, table.Table.data<float>().ToArray());
        var rows = tensor(new long[] { 0, 2 });
        var loss = -table.Rows(rows).sum();
        loss.backward();

        table.Step(rows, lr: 0.5);

        var after = table.Table.detach();
        Assert.Equal(new[] { 0.1f, 0.2f }, after[1].data<float>().ToArray());   // not in the batch: untouched
        Assert.All(after.norm(1).data<float>().ToArray(), n => Assert.True(n <= 1 + 1e-6, $"norm {n}"));
        Assert.True(after[2, 0].item<float>() > 0.5f && after[2, 1].item<float>() > 0);   // moved up the gradient's descent
        Assert.Equal(0f, table.Table.grad!.abs().sum().item<float>());

        // TorchSharp's to() replaces the table and its Adam state, as it does any parameter and buffer.
        table.to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, table.Table.dtype);
        Assert.Equal(ScalarType.Float64, table.state_dict()["Moment1"].dtype);
        table.Step(rows, lr: 0.5);
    }

    [Fact]
    public void A_glo_generator_learns_its_codes_evaluates_by_fitting_and_samples_from_the_fitted_gaussian()
    {
        using var folder = new TempFolder();
        using var run = new SmallRun(TinyGlo.Definition, folder, train: 2000, test: 300);
        var (model, data, trainer) = (TinyGlo.Definition, run.Data, run.Trainer);

        var result = run.Fit();

        var codes = trainer.Module.Codes!;
        Assert.Equal(data.Train.Count, codes.Count);
        Assert.True(codes.Table.norm(1).max().item<float>() <= 1 + 1e-5);
        var (untrained, test) = (result.History[0].Validation, result.Test!);
        Assert.True(result.History[^1].Train!.Loss < result.History[1].Train!.Loss, "training loss did not fall");
        Assert.True(test.Psnr > untrained.Psnr + 3, $"untrained {untrained.Psnr:0.00} dB, trained {test.Psnr:0.00} dB");

        // Fitting leaves the generator as it is and finds codes better than the mean code it starts from.
        using var scope = NewDisposeScope();
        var before = trainer.Module.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
        var images = data.Test!.Slice(0, 64);
        var fitted = LearnedCodes.Fit(trainer.Module, images);
        Assert.True(trainer.Module.state_dict().All(p => p.Value.equal(before[p.Key]).all().item<bool>()));
        using (no_grad())
        {
            var start = codes.Table.mean([0], keepdim: true).expand(64, -1);
            var atStart = nn.functional.mse_loss(trainer.Module.Decode(start), images).item<float>();
            var atFit = nn.functional.mse_loss(trainer.Module.Decode(fitted), images).item<float>();
            Assert.True(atFit < 0.7 * atStart, $"fit {atFit} against start {atStart}");
        }

        // Training images are measured through their own codes (rows in data order); other images cannot be.
        var own = Evaluator.Evaluate(trainer.Module, data.Train, CPU, seed: 1, maxSamples: 64, learnedCodes: true);
        using (no_grad())
        {
            trainer.Module.eval();
            var direct = nn.functional.mse_loss(trainer.Module.Decode(codes.Table.narrow(0, 0, 64)), data.Train.Slice(0, 64)).item<float>();
            Assert.Equal(direct, own.Mse, 5);
        }
        Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(trainer.Module, data.Test!, CPU, seed: 1, learnedCodes: true));

        var samples = Sampling.FromPrior(trainer.Module, 16, seed: 3, CPU);
        Assert.Equal([16L, 1, 28, 28], samples.shape);
        Assert.True(samples.equal(Sampling.FromPrior(trainer.Module, 16, seed: 3, CPU)).all().item<bool>());

        // The weights file holds the codes: a fresh module loads them and samples the same images.
        using var loaded = model.CreateModule();
        Checkpoint.LoadWeights(new RunFolder(result.RunFolder).FinalWeights, loaded);
        Assert.Equal(codes.Count, loaded.Codes!.Count);
        Assert.True(Sampling.FromPrior(loaded, 16, seed: 3, CPU).allclose(samples, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void A_resumed_glo_run_ends_with_exactly_the_codes_and_weights_of_an_uninterrupted_one()
    {
        using var folder = new TempFolder();
        SmallFashionMnist.Write(folder.File("data"), train: 200, test: 20);
        var model = TinyGlo.Definition;
        var settings = model.Training with { DataPath = folder.File("data"), Epochs = 2 };
        using var data = DataSources.Load(settings, model.InputShape, model.Name);
        using var straight = new Trainer(model, settings, new TrainerOptions { Device = "cpu", Threads = 1, RunFolder = folder.File("straight") });
        straight.Fit(data);
        using (var first = new Trainer(model, settings, new TrainerOptions { Device = "cpu", Threads = 1, RunFolder = folder.File("resumed"), StopAfterStep = 7 }))
            first.Fit(data);
        using var second = new Trainer(model, settings, new TrainerOptions { Device = "cpu", RunFolder = folder.File("resumed"), Resume = true });

        second.Fit(data);

        var expected = straight.Module.state_dict();
        Assert.Contains("Codes.Table", expected.Keys);
        Assert.Contains("Codes.Moment2", expected.Keys);
        foreach (var (name, value) in second.Module.state_dict())
            Assert.True(value.equal(expected[name]).all().item<bool>(), $"{name} differs after the resume");

        using var fewer = DataSources.Load(settings, model.InputShape, model.Name, limit: 100);
        using var third = new Trainer(model, settings with { Epochs = 3 }, new TrainerOptions { Device = "cpu", RunFolder = folder.File("resumed"), Resume = true });
        var e = Assert.Throws<InvalidOperationException>(() => third.Fit(fewer));
        Assert.True(e.Message.Contains("180 in its checkpoint, but the training data has 100 images"), e.Message);
    }
}
