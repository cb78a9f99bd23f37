using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;
using Rebel.Preference.SelfPlay;

namespace Rebel.Preference.Tests.SelfPlay;

public class SelfPlaySamplerTests
{
    private static readonly TabularGame Game = GameSource.Load("bt-mixture:n=6");

    [Fact]
    public void LeaveOneOutWinRatesAreMeansOverTheOtherSamples()
    {
        var oracle = new TabularOracle(Game);
        var sampler = new SelfPlaySampler(oracle, new SelfPlayOptions { Samples = SampleCount.Of(5) });
        var batch = sampler.CreateBatch();
        var random = new SeededRandom(3);
        var policy = new[] { 0.3, 0.1, 0.2, 0.15, 0.05, 0.2 };
        var p = Game.Contexts[0].Preference;
        for (int trial = 0; trial < 20; trial++)
        {
            sampler.Sample(0, policy, random, batch);
            Assert.Equal(5, batch.Count);
            for (int i = 0; i < 5; i++)
            {
                double expected = Enumerable.Range(0, 5).Where(j => j != i).Average(j => p[batch.Response(i), batch.Response(j)]);
                Assert.Equal(expected, batch.WinRate(i), 1e-15);
            }
            Assert.Equal(10, batch.RowCount);
        }
        Assert.Equal(20 * 10, oracle.Queries);
    }

    [Fact]
    public void WithEveryResponseAndExactFeedbackTheEstimateIsTheExactWinRate()
    {
        var sampler = new SelfPlaySampler(new TabularOracle(Game), new SelfPlayOptions { Samples = SampleCount.All });
        var batch = sampler.CreateBatch();
        var policy = Vector<double>.Build.Dense([0.3, 0.1, 0.2, 0.15, 0.05, 0.2]);
        sampler.Sample(0, policy.ToArray(), new SeededRandom(1), batch);
        var exact = Game.Contexts[0].Preference * policy;
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(i, batch.Response(i));
            Assert.Equal(exact[i], batch.WinRate(i), 1e-15);
        }
    }

    [Theory]
    [InlineData(0ul)]
    [InlineData(1ul)]
    [InlineData(2ul)]
    [InlineData(3ul)]
    public void TheDoublyRobustEstimateCorrectsTheControlVariateLearntFromTheLastAnswer(ulong seed)
    {
        // rps from uniform, K = 2, b = 1/2: the first iteration's answer o = P(a ≻ b) makes Ĉ(a, b) = (o + b)/2 and
        // Ĉ(b, a) = (1 − o + b)/2 (every other pair stays b, the tie 1/2). Drawing a, b again, each response gets
        // c(y) = Σ_z Ĉ(y, z)/3 and each sample adds its residual (P(y_i ≻ y_j) − Ĉ(y_i, y_j)) / (K μ) with μ = 1/3.
        var game = GameSource.Load("rps");
        var p = game.Contexts[0].Preference;
        var sampler = new SelfPlaySampler(new TabularOracle(game), new SelfPlayOptions { Samples = SampleCount.Of(2), Baseline = 0.5 }, explore: true, doublyRobust: true);
        var batch = sampler.CreateBatch();
        var random = new SeededRandom(seed);
        double[] uniform = [1.0 / 3, 1.0 / 3, 1.0 / 3];
        sampler.Sample(0, uniform, random, batch);
        int a = batch.Response(0), b = batch.Response(1);
        double C(int y, int z) => y == z ? 0.5 : a != b && (y, z) == (a, b) ? (p[a, b] + 0.5) / 2 : a != b && (y, z) == (b, a) ? (p[b, a] + 0.5) / 2 : 0.5;
        sampler.SampleDrawn(0, uniform, [], [a, b], [], random, batch);
        int[] drawn = [a, b];
        for (int y = 0; y < 3; y++)
        {
            double expected = Enumerable.Range(0, 3).Sum(z => C(y, z)) / 3;
            for (int i = 0; i < 2; i++)
                if (drawn[i] == y)
                    expected += (p[drawn[i], drawn[1 - i]] - C(drawn[i], drawn[1 - i])) / (2 * (1.0 / 3));
            Assert.Equal(expected, batch.Estimate(y), 1e-15);
        }
    }

    [Fact]
    public void SamplesFollowThePolicy()
    {
        var sampler = new SelfPlaySampler(new TabularOracle(Game), new SelfPlayOptions { Samples = SampleCount.Of(4) });
        var batch = sampler.CreateBatch();
        var random = new SeededRandom(9);
        var policy = new[] { 0.5, 0.0, 0.25, 0.0, 0.25, 0.0 };
        var counts = new int[6];
        for (int trial = 0; trial < 5000; trial++)
        {
            sampler.Sample(0, policy, random, batch);
            for (int i = 0; i < 4; i++)
                counts[batch.Response(i)]++;
        }
        // 20,000 draws: each frequency within 4 standard deviations (≤ 0.0141) of its probability; zero mass never drawn.
        for (int y = 0; y < 6; y++)
            Assert.InRange(counts[y] / 20000.0, policy[y] - 0.0141, policy[y] + 0.0141);
        Assert.Equal(0, counts[1] + counts[3] + counts[5]);
    }

    [Fact]
    public void BernoulliWinFractionsAreUnbiased()
    {
        // Two responses, π uniform, K = 2: r̂ of a sample of y0 against a sample of y1 is the 0/1 outcome, so its mean
        // over many draws (when the samples differ) is P(y0 ≻ y1).
        var p = Matrix<double>.Build.DenseOfArray(new[,] { { 0.5, 0.8 }, { 0.2, 0.5 } });
        var game = TabularGame.Single("two", new GameContext("x0", 1, ["a", "b"], p));
        var sampler = new SelfPlaySampler(new TabularOracle(game), new SelfPlayOptions { Samples = SampleCount.Of(2), Feedback = FeedbackKind.Bernoulli });
        var batch = sampler.CreateBatch();
        var random = new SeededRandom(4);
        double wins = 0;
        int n = 0;
        for (int trial = 0; trial < 20000; trial++)
        {
            sampler.Sample(0, [0.5, 0.5], random, batch);
            for (int i = 0; i < 2; i++)
            {
                if (batch.Response(i) != 0 || batch.Response(1 - i) != 1)
                    continue;
                Assert.True(batch.WinRate(i) is 0 or 1);
                wins += batch.WinRate(i);
                n++;
            }
        }
        // n ≈ 10,000: standard deviation 0.004.
        Assert.InRange(wins / n, 0.8 - 0.016, 0.8 + 0.016);
    }

    [Fact]
    public void AQueryBudgetLimitsTheQueriesPerContext()
    {
        var oracle = new TabularOracle(Game);
        var sampler = new SelfPlaySampler(oracle, new SelfPlayOptions { Samples = SampleCount.Of(4), QueryBudget = 2 });
        var batch = sampler.CreateBatch();
        sampler.Sample(0, [0.2, 0.2, 0.2, 0.2, 0.1, 0.1], new SeededRandom(2), batch);
        Assert.Equal(2, oracle.Queries);
        int queried = 0;
        for (int i = 0; i < 4; i++)
            for (int j = i + 1; j < 4; j++)
                if (!double.IsNaN(batch.Outcome(i, j)))
                    queried++;
        Assert.Equal(2, queried);
    }

    [Fact]
    public void BestWorstPairsTheHighestAndLowestEstimates()
    {
        var sampler = new SelfPlaySampler(new TabularOracle(Game), new SelfPlayOptions { Samples = SampleCount.All, Pairs = PairSelection.BestWorst });
        var batch = sampler.CreateBatch();
        sampler.Sample(0, Play.Uniform(6).ToArray(), new SeededRandom(1), batch);
        var rates = Enumerable.Range(0, 6).Select(batch.WinRate).ToArray();
        Assert.Equal(1, batch.RowCount);
        Assert.Equal((Array.IndexOf(rates, rates.Max()), Array.IndexOf(rates, rates.Min())), batch.Row(0));
    }

    [Fact]
    public void RandomPairsAreDisjoint()
    {
        var sampler = new SelfPlaySampler(new TabularOracle(Game), new SelfPlayOptions { Samples = SampleCount.Of(5), Pairs = PairSelection.Random });
        var batch = sampler.CreateBatch();
        sampler.Sample(0, Play.Uniform(6).ToArray(), new SeededRandom(8), batch);
        Assert.Equal(2, batch.RowCount);
        var used = new[] { batch.Row(0).I, batch.Row(0).J, batch.Row(1).I, batch.Row(1).J };
        Assert.Equal(4, used.Distinct().Count());
    }

    [Fact]
    public void BadCountsAreOneLineErrorsNamingTheProperty()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleCount.Of(1));
        var parse = Assert.Throws<FormatException>(() => SampleCount.Parse("1", null));
        Assert.Contains("K ≥ 2", parse.Message, StringComparison.Ordinal);
        var budget = Assert.Throws<OptionException>(() => new SelfPlaySampler(new TabularOracle(Game), new SelfPlayOptions { QueryBudget = 0 }));
        Assert.Equal(nameof(SelfPlayOptions.QueryBudget), budget.Option.Property);
        var pairs = Assert.Throws<OptionException>(() => new SelfPlaySampler(new TabularOracle(Game), new SelfPlayOptions { Pairs = (PairSelection)9 }));
        Assert.Equal(nameof(SelfPlayOptions.Pairs), pairs.Option.Property);
    }
}
