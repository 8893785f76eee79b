using DslAe.Data;

namespace DslAe.Tests;

public class SeededShuffleTests
{
    [Fact]
    public void A_permutation_holds_every_index_once_and_depends_only_on_seed_and_stream()
    {
        var p = SeededShuffle.Permutation(1000, seed: 3, stream: 0);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), p.Order());
        Assert.Equal(p, SeededShuffle.Permutation(1000, seed: 3, stream: 0));
        Assert.NotEqual(p, SeededShuffle.Permutation(1000, seed: 3, stream: 1));
        Assert.NotEqual(p, SeededShuffle.Permutation(1000, seed: 4, stream: 0));
        // Shuffled, not the identity or nearly so.
        Assert.True(p.Where((v, i) => v == i).Count() < 20);
    }

    [Fact]
    public void Derived_seeds_differ_per_position_and_are_non_negative()
    {
        var seeds = Enumerable.Range(0, 10000).Select(i => SeededShuffle.DerivedSeed(42, i)).ToList();
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.True(s >= 0));
    }
}
