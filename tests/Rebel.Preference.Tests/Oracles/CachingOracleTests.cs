using Rebel.Games.Randomness;
using Rebel.Games.Zoo;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Tests.Oracles;

public sealed class CachingOracleTests
{
    [Fact]
    public void ACachedRunIsTheSameBitsAndAsksEachOrderedPairOnce()
    {
        var game = GameZoo.Create("random:n=6");
        var shared = new SelfPlayOptions { Feedback = FeedbackKind.Bernoulli, Samples = SampleCount.Of(4) };
        var inner = new TabularOracle(game);
        var cache = new CachingOracle(inner);
        var plain = AlgorithmCatalog.Find("rebel").Instantiate(new AlgorithmSetup(game, 200, 3, shared, null));
        var cached = AlgorithmCatalog.Find("rebel").Instantiate(new AlgorithmSetup(game, 200, 3, shared, null) { Oracle = cache });
        for (int t = 0; t < 200; t++)
        {
            var a = plain.Step();
            var b = cached.Step();
            Assert.Equal(a.DualityGapLast, b.DualityGapLast);
            Assert.Equal(a.Extra, b.Extra);
        }
        Assert.True(cache.Queries > 1000, $"{cache.Queries} queries");
        Assert.Equal(cache.Misses, inner.Queries);
        Assert.InRange(cache.Misses, 1, 6 * 6); // every ordered pair at most, a response with itself included (drawn twice)
    }

    [Fact]
    public void RepeatedPairsInOneBatchAreAnsweredAlike()
    {
        var cache = new CachingOracle(new TabularOracle(GameZoo.Create("rps")));
        var result = new double[3];
        cache.Feedback(0, [0, 0, 1], [1, 1, 0], FeedbackKind.Exact, new SeededRandom(1), result);
        Assert.Equal(result[0], result[1]);
        Assert.Equal(1 - result[0], result[2], 15);
        Assert.Equal(3, cache.Queries);
        Assert.Equal(2, cache.Misses);
        cache.Probabilities(0, [1], [0], result);
        Assert.Equal(2, cache.Misses);
        Assert.Equal(4, cache.Queries);
    }
}
