using DslAe.Data;
using DslAe.Metrics;
using DslAe.Reports;
using DslAe.Training;
using static TorchSharp.torch;

namespace DslAe.Tests;

/// <summary>Targets other than the input: the data a run loads for each, their metrics, and training on real data.</summary>
public class TargetTests
{
    [Fact]
    public void Fashion_mnist_gives_class_labels_and_the_built_in_per_pixel_task()
    {
        using var folder = new TempFolder();
        SmallFashionMnist.Write(folder.Path, train: 300, test: 100);
        var settings = TinyClassifier.Definition.Training with { DataPath = folder.Path };

        using var labelled = DataSources.Load(settings, [1, 28, 28], "TinyClassifier", target: TinyClassifier.Definition.Target);
        Assert.Equal(ScalarType.Int64, labelled.Train.Targets!.dtype);
        Assert.Equal([100L], labelled.Test!.Targets!.shape);
        Assert.Equal(SmallFashionMnist.TrainLabels.Skip(300).Take(100).Select(b => (long)b), labelled.Test.Targets.data<long>().ToArray());

        using var maps = DataSources.Load(settings, [1, 28, 28], "TinySegmenter", target: TinySegmenter.Definition.Target);
        var test = maps.Test!;
        Assert.Equal([100L, 28, 28], test.Targets!.shape);
        // Background where the pixel is dark, 1 + the garment's class where it is bright, in every image.
        var pixels = test.Images.select(1, 0);
        var expected = where(pixels > FashionMnist.ForegroundThreshold,
            (labelled.Test.Targets + 1).reshape(-1, 1, 1).expand(-1, 28, 28), zeros(100, 28, 28, ScalarType.Int64));
        Assert.True(test.Targets.equal(expected).all().item<bool>());
        Assert.Equal(10, test.Targets.max().item<long>());
        Assert.True(test.Targets.eq(0).sum().item<long>() > 0);
    }

    [Fact]
    public void The_built_in_per_pixel_task_labels_by_threshold_and_class()
    {
        using var scope = NewDisposeScope();
        var images = tensor(new float[] { 0f, 0.05f, 0.1f, 0.5f, 1f, 0.11f, 0f, 0.2f }, [2, 1, 2, 2]);
        var labels = tensor(new long[] { 0, 9 });

        var maps = FashionMnist.PixelLabels(images, labels);

        Assert.Equal(new long[] { 0, 0, 0, 1, 10, 10, 0, 10 }, maps.data<long>().ToArray());
    }

    [Fact]
    public void An_image_target_pairs_each_image_with_its_area_downscale()
    {
        using var folder = new TempFolder();
        SmallFashionMnist.Write(folder.Path, train: 200, test: 50);
        var settings = TinySuperResolver.Definition.Training with { DataPath = folder.Path };

        using var data = DataSources.Load(settings, [1, 14, 14], "TinySuperResolver", target: TinySuperResolver.Definition.Target);

        var test = data.Test!;
        Assert.Equal([50L, 1, 14, 14], test.Images.shape);
        Assert.Equal([50L, 1, 28, 28], test.Targets!.shape);
        // Each input pixel is the mean of its 2x2 block of the target.
        var high = test.Targets;
        var block = (high[0, 0, 4, 6] + high[0, 0, 4, 7] + high[0, 0, 5, 6] + high[0, 0, 5, 7]) / 4;
        Assert.Equal(block.item<float>(), test.Images[0, 0, 2, 3].item<float>(), 6);
        Assert.True(ImageResampling.Downscale(high, 2).allclose(test.Images, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Folders_give_labels_by_class_subfolder_and_pairs_by_file_name()
    {
        using var folder = new TempFolder();
        foreach (var (name, value) in new[] { ("bag", 40), ("coat", 200) })
            for (var i = 0; i < 2; i++)
                ImageFile.WritePng(Path.Combine(folder.Path, "classes", name, $"{i}.png"), new ImagePixels(4, 4, 1, Enumerable.Repeat((byte)value, 16).ToArray()));
        var (classified, classes) = ImageFolder.LoadClasses(Path.Combine(folder.Path, "classes"), [1, 4, 4]);
        using (classified)
        {
            Assert.Equal(["bag", "coat"], classes);
            Assert.Equal(new long[] { 0, 0, 1, 1 }, classified.Targets!.data<long>().ToArray());
            Assert.Equal(200 / 255f, classified.Images[3, 0, 0, 0].item<float>(), 6);
        }

        foreach (var name in new[] { "a", "b" })
        {
            ImageFile.WritePng(Path.Combine(folder.Path, "seg", "images", $"{name}.png"), new ImagePixels(4, 4, 1, new byte[16]));
            ImageFile.WritePng(Path.Combine(folder.Path, "seg", "masks", $"{name}.png"), new ImagePixels(4, 4, 1, Enumerable.Range(0, 16).Select(i => (byte)(i % 3)).ToArray()));
        }
        var settings = TinySegmenter.Definition.Training with { DataPath = Path.Combine(folder.Path, "seg") };
        var segmenter = new TargetDescription(TargetKind.PixelLabels, [3, 4, 4]);
        using var pairs = DataSources.Load(settings with { ValidationFraction = 0.5 }, [1, 4, 4], "Seg", target: segmenter);
        Assert.Equal([1L, 4, 4], pairs.Train.Targets!.shape);

        // Paired images: low/ and high/ with the same file names, the high one the target's size.
        foreach (var (name, value) in new[] { ("a", 10), ("b", 250) })
        {
            ImageFile.WritePng(Path.Combine(folder.Path, "sr", "low", $"{name}.png"), new ImagePixels(2, 2, 1, Enumerable.Repeat((byte)value, 4).ToArray()));
            ImageFile.WritePng(Path.Combine(folder.Path, "sr", "high", $"{name}.png"), new ImagePixels(4, 4, 1, Enumerable.Repeat((byte)(255 - value), 16).ToArray()));
        }
        var resolver = new TargetDescription(TargetKind.Image, [1, 4, 4], Scale: 2);
        using (var paired = DataSources.Load(settings with { DataPath = Path.Combine(folder.Path, "sr"), ValidationFraction = 0.5 }, [1, 2, 2], "Sr", target: resolver))
        {
            var all = new[] { paired.Train, paired.Validation };
            Assert.All(all, d => Assert.Equal([1L, 1, 2, 2], d.Images.shape));
            Assert.All(all, d => Assert.Equal([1L, 1, 4, 4], d.Targets!.shape));
            // Each input stays with its own target (the two files' values add up to 255).
            Assert.All(all, d => Assert.Equal(1f, (d.Images[0, 0, 0, 0] + d.Targets![0, 0, 3, 3]).item<float>(), 6));
        }

        // A mask with a class the model does not have is refused before training, with the classes named.
        var tooFew = new TargetDescription(TargetKind.PixelLabels, [2, 4, 4]);
        var e = Assert.Throws<DataFileException>(() => { using var _ = DataSources.Load(settings with { ValidationFraction = 0.5 }, [1, 4, 4], "Seg", target: tooFew); });
        Assert.Contains("class labels run from 0 to 2, but Seg has 2 classes (0 to 1)", e.Message);
        var missing = Assert.Throws<DataFileException>(() => { using var _ = DataSources.Load(settings with { DataPath = Path.Combine(folder.Path, "classes") }, [1, 4, 4], "Seg", target: segmenter); });
        Assert.Contains("images/ and masks/", missing.Message);
    }

    [Fact]
    public void Accuracy_and_mean_iou_count_what_they_say()
    {
        using var scope = NewDisposeScope();
        var totals = new MetricAccumulator();
        totals.AddLoss(1, [], 1);
        // Two 1x3 maps over 3 classes; predictions are the argmax of one-hot logits.
        var predicted = tensor(new long[] { 0, 1, 1, 2, 2, 0 }).reshape(2, 1, 3);
        var logits = nn.functional.one_hot(predicted, 3).permute(0, 3, 1, 2).to(ScalarType.Float32);
        var target = tensor(new long[] { 0, 1, 2, 2, 2, 1 }).reshape(2, 1, 3);
        TargetMetrics.Add(totals, new TargetDescription(TargetKind.PixelLabels, [3, 1, 3]), logits, target, zeros(2, 1, 1, 3));

        var result = totals.Result();
        Assert.Equal(4 / 6.0, result.Accuracy!.Value, 12);
        // Class 0: |P∩T| 1, |P∪T| 2; class 1: 1 of 3; class 2: 2 of 3.
        Assert.Equal((1 / 2.0 + 1 / 3.0 + 2 / 3.0) / 3, result.MeanIou!.Value, 12);
        Assert.True(double.IsNaN(result.Mse));
        Assert.Equal(["loss", "accuracy", "mean_iou"], result.Values().Select(v => v.Key));
        Assert.StartsWith("pixel accuracy 66.67%  mean IoU 0.5000", result.Describe());
    }

    [Fact]
    public void A_classifier_trains_on_fashion_mnist_labels_far_above_chance()
    {
        using var folder = new TempFolder();
        using var classifier = new SmallRun(TinyClassifier.Definition, folder, train: 3000, test: 500);

        var result = classifier.Fit();

        Assert.True(result.History[0].Validation.Accuracy < 0.3, $"untrained accuracy {result.History[0].Validation.Accuracy}");
        Assert.True(result.Test!.Accuracy > 0.7, $"test accuracy {result.Test.Accuracy}");
        var run = new RunFolder(result.RunFolder);
        Assert.False(File.Exists(run.ReconstructionImage(1)));   // logits make no picture
        Assert.Contains("target: class labels, 10 classes", File.ReadAllText(run.SummaryFile));
        Assert.Contains("val accuracy", File.ReadAllText(run.ReportFile));
    }

    [Fact]
    public void A_segmenter_and_a_super_resolver_train_and_report_their_metrics()
    {
        using var folder = new TempFolder();
        SmallFashionMnist.Write(folder.File("data"), train: 3000, test: 300);

        var segmentation = Train(TinySegmenter.Definition, folder, "seg");
        var untrained = segmentation.History[0].Validation;
        var test = segmentation.Test!;
        // Always answering background would score about half the pixels and a mean IoU near 0.05.
        Assert.True(test.MeanIou > untrained.MeanIou + 0.2 && test.Accuracy > 0.65, $"segmentation {untrained} -> {test}");
        var grid = ImageFile.Read(new RunFolder(segmentation.RunFolder).ReconstructionImage(1), 1);
        Assert.Equal(3 * 28 * 3 + 4 * 2, grid.Height);   // input, target map, predicted map

        var resolution = Train(TinySuperResolver.Definition, folder, "sr");
        var measured = resolution.Test!;
        Assert.True(measured.BicubicPsnr is > 15 and < 40, $"bicubic PSNR {measured.BicubicPsnr}");
        // The residual starts at the bicubic baseline and learns to improve on it.
        Assert.True(measured.Psnr > measured.BicubicPsnr, $"super-resolution {measured.Describe()}");
        Assert.Contains("bicubic PSNR", File.ReadAllText(new RunFolder(resolution.RunFolder).ReportFile));
    }

    [Fact]
    public void A_target_model_given_data_without_targets_is_refused_in_words()
    {
        using var folder = new TempFolder();
        using var data = TestData.Split(64, 16);
        using var trainer = new Trainer(TinySegmenter.Definition, TinySegmenter.Definition.Training, new TrainerOptions { Device = "cpu", RunFolder = folder.File("run") });

        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(data));

        Assert.Contains("TinySegmenter compares its output with per-pixel class labels", e.Message);
    }

    private static TrainingResult Train(ModelDefinition model, TempFolder folder, string name)
    {
        var settings = model.Training with { DataPath = folder.File("data") };
        using var data = DataSources.Load(settings, model.InputShape, model.Name, target: model.Target);
        using var trainer = new Trainer(model, settings, new TrainerOptions { Device = "cpu", RunFolder = folder.File(name) });
        return trainer.Fit(data);
    }
}
