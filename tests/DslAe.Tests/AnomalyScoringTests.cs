using System.Globalization;
using DslAe.Data;
using DslAe.Metrics;

namespace DslAe.Tests;

/// <summary>Anomaly scores from reconstruction error and their AUROC (issue 10, item 5: the scoring part).</summary>
public sealed class AnomalyScoringTests
{
    [Fact]
    public void Auroc_is_the_chance_that_an_anomaly_scores_higher_ties_counting_half()
    {
        Assert.Equal(0.75, Auroc.Of([0.1, 0.4, 0.35, 0.8], [false, false, true, true]));   // 3 of the 4 pairs ordered right
        Assert.Equal(1.0, Auroc.Of([1, 2, 3], [false, true, true]));
        Assert.Equal(0.0, Auroc.Of([3, 2, 1], [false, true, true]));
        Assert.Equal(0.5, Auroc.Of([5, 5, 5, 5], [true, false, true, false]));
        Assert.Throws<ArgumentException>(() => Auroc.Of([1, 2], [true, true]));

        // Against counting every pair, on random scores with many ties.
        var random = new Random(17);
        for (var trial = 0; trial < 50; trial++)
        {
            var n = random.Next(2, 40);
            var scores = Enumerable.Range(0, n).Select(_ => (double)random.Next(6)).ToList();
            var labels = Enumerable.Range(0, n).Select(i => i == 0 || (i != 1 && random.Next(3) == 0)).ToList();
            double wins = 0, pairs = 0;
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    if (labels[i] && !labels[j])
                    {
                        pairs++;
                        wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    }
            Assert.Equal(wins / pairs, Auroc.Of(scores, labels), 12);
        }
    }

    [Fact]
    public async Task Score_writes_each_test_image_s_scores_and_the_AUROC_of_an_anomalous_class()
    {
        using var folder = new TempFolder();
        var data = folder.File("fashion");
        SmallFashionMnist.Write(data, train: 400, test: 200);
        var run = folder.File("run");
        var (code, _, error) = await CliTests.Run("train", "--model", "TinyAe", "--data", data, "--epochs", "1", "--out", run, "--device", "cpu");
        Assert.True(code == 0, error);

        var csv = folder.File("scores.csv");
        (code, var output, error) = await CliTests.Run("score", "--model", "TinyAe", "--checkpoint", run, "--data", data, "--anomalous-class", "1", "--out", csv);
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("index,label,mse,ssim_error", lines[0]);
        Assert.Equal(201, lines.Length);
        var labels = SmallFashionMnist.TrainLabels.Skip(400).Take(200).ToArray();
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(labels.Select(l => l.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[1]));
        Assert.All(rows, r => Assert.InRange(double.Parse(r[2], CultureInfo.InvariantCulture), 0, 1));

        // The printed AUROC is the one of the written scores.
        var isAnomalous = labels.Select(l => l == 1).ToList();
        var expected = Auroc.Of(rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToList(), isAnomalous);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"AUROC, class 1 anomalous ({isAnomalous.Count(a => a)} of 200 images): MSE {expected:0.0000}"), output);

        (code, _, error) = await CliTests.Run("score", "--model", "TinyAe", "--checkpoint", run, "--data", data, "--anomalous-class", "12");
        Assert.Equal(1, code);
        Assert.Contains("--anomalous-class takes a Fashion-MNIST class, 0 to 9; got '12'", error);
    }

    [Fact]
    public async Task Holdout_class_trains_without_it_and_a_resume_keeps_it_out()
    {
        using var folder = new TempFolder();
        var data = folder.File("fashion");
        SmallFashionMnist.Write(data, train: 400, test: 100);
        var kept = SmallFashionMnist.TrainLabels.Take(400).Count(l => l != 3);
        var run = folder.File("run");
        var (code, output, error) = await CliTests.Run("train", "--model", "TinyAe", "--data", data, "--epochs", "1", "--out", run, "--device", "cpu", "--holdout-class", "3");
        Assert.True(code == 0, error);
        Assert.Contains("without class 3", output);
        var counts = System.Text.RegularExpressions.Regex.Match(output, @"(\d+) training / (\d+) validation images");
        Assert.Equal(kept, int.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture));

        (code, output, error) = await CliTests.Run("train", "--model", "TinyAe", "--epochs", "2", "--resume", run);
        Assert.True(code == 0, error);
        Assert.Contains("without class 3", output);   // from the checkpoint, not repeated

        (code, _, error) = await CliTests.Run("train", "--model", "TinyAe", "--data", data, "--holdout-class", "ten");
        Assert.Equal(1, code);
        Assert.Contains("--holdout-class takes a Fashion-MNIST class, 0 to 9; got 'ten'", error);
    }

    [Fact]
    public void Test_labels_are_read_and_an_image_file_is_not_taken_for_labels()
    {
        using var folder = new TempFolder();
        SmallFashionMnist.Write(folder.Path, train: 10, test: 30);
        Assert.Equal(SmallFashionMnist.TrainLabels.Skip(10).Take(30), FashionMnist.LoadTestLabels(folder.Path));
        File.Copy(Path.Combine(folder.Path, FashionMnist.TestImages + ".gz"), Path.Combine(folder.Path, FashionMnist.TestLabels + ".gz"), overwrite: true);
        var wrong = Assert.Throws<DataFileException>(() => FashionMnist.LoadTestLabels(folder.Path));
        Assert.Contains("a labels file has one dimension", wrong.Message);
    }
}
