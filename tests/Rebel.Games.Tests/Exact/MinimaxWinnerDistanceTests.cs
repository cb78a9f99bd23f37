using Rebel.Games.Exact;

namespace Rebel.Games.Tests.Exact;

public class MinimaxWinnerDistanceTests
{
    [Fact]
    public void CondorcetsUniqueWinnerGivesTheL1Distance()
    {
        // Shares 4/3/2: the minimax winner is (5/9, 1/9, 3/9), so uniform is 2/9 + 2/9 + 0 = 4/9 away.
        var distance = MinimaxWinnerDistance.For(GameSource.Load("condorcet"));
        Assert.True(distance.IsDefined);
        Assert.Null(distance.Reason);
        Assert.Equal(4.0 / 9, distance.Of(0, [1.0 / 3, 1.0 / 3, 1.0 / 3]), 12);
        Assert.Equal(0, distance.Of(0, [5.0, 1.0, 3.0], scale: 1.0 / 9), 12);
    }

    [Theory]
    [InlineData("rpsw")]
    [InlineData("efron-dice")]
    public void AFaceOfMinimaxWinnersHasNoDistance(string spec)
    {
        // rpsw: every mixture of uniform RPS and the neutral action; Efron's dice: a segment.
        var distance = MinimaxWinnerDistance.For(GameSource.Load(spec));
        Assert.False(distance.IsDefined);
        Assert.Contains("more than one minimax winner", distance.Reason, StringComparison.Ordinal);
        Assert.True(double.IsNaN(distance.Of(0, [0.25, 0.25, 0.25, 0.25])));
    }

    [Fact]
    public void AGameIsSolvedOnceHoweverManyRunsAskAtOnce()
    {
        // The runs of a compare or sweep share one game object and start together: one solve serves them all.
        var game = GameSource.Load("random:n=60");
        var answers = new MinimaxWinnerDistance[8];
        Parallel.For(0, answers.Length, i => answers[i] = MinimaxWinnerDistance.For(game));
        Assert.All(answers, a => Assert.Same(answers[0], a));
        Assert.NotSame(answers[0], MinimaxWinnerDistance.For(GameSource.Load("random:n=60")));
    }

    [Fact]
    public void APureCondorcetWinnerIsUnique()
    {
        // Exactly one pure policy is at distance 0; every other is at the largest L1 distance, 2.
        var distance = MinimaxWinnerDistance.For(GameSource.Load("transitive:n=4"));
        Assert.True(distance.IsDefined);
        var distances = Enumerable.Range(0, 4).Select(y => distance.Of(0, Enumerable.Range(0, 4).Select(i => i == y ? 1.0 : 0).ToArray())).OrderBy(d => d).ToArray();
        Assert.Equal([0.0, 2, 2, 2], distances);
    }

    [Fact]
    public void TheAverageIterateIsMeasuredFromTheRegretSums()
    {
        var game = GameSource.Load("weighted-rps:margins=1/3/3");
        var md = new MirrorDescent(game, 0.1);
        for (int t = 0; t < 50; t++)
            md.Step();
        var distance = MinimaxWinnerDistance.For(game);
        Assert.Equal(distance.Of(0, md.Average[0].ToArray()), distance.OfAverage(md.Regret), 12);
    }

    [Fact]
    public void LargeGamesAreNotSolvedForTheMetric()
    {
        var distance = MinimaxWinnerDistance.For(GameSource.Load("cyclic:n=1001"));
        Assert.False(distance.IsDefined);
        Assert.Contains("1000 responses", distance.Reason, StringComparison.Ordinal);
    }
}
