namespace DslAe.Metrics;

/// <summary>
/// The area under the ROC curve of anomaly scores: the probability that a random anomalous image scores higher than a
/// random normal one, ties counting half (the Mann–Whitney U statistic over both counts, with average ranks).
/// </summary>
public static class Auroc
{
    /// <summary>AUROC of <paramref name="scores"/> for the images <paramref name="anomalous"/> marks; both kinds must occur.</summary>
    public static double Of(IReadOnlyList<double> scores, IReadOnlyList<bool> anomalous)
    {
        if (scores.Count != anomalous.Count) throw new ArgumentException($"{scores.Count} scores but {anomalous.Count} labels");
        if (scores.Any(double.IsNaN)) throw new ArgumentException("a score is NaN");
        var positives = anomalous.Count(a => a);
        var negatives = anomalous.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"AUROC needs anomalous and normal images; got {positives} anomalous and {negatives} normal");
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var rankSum = 0.0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            // Ranks start..end (1-based start+1..end+1) are tied: each gets their average.
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
                if (anomalous[order[k]]) rankSum += rank;
            start = end + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
