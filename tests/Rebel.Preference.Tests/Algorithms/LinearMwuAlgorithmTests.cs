using Rebel.Games;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests.Algorithms;

public class LinearMwuAlgorithmTests
{
    private const string Name = "linear-mwu";

    [Fact]
    public void TwoStepsMultiplyEachWeightByOnePlusEtaTimesItsAdvantage()
    {
        var game = GameSource.Load("weighted-rps:margins=1/3/3,strength=1");
        const double eta = 0.4;
        var mwu = Play.Create(Name, game, options: new LinearMwuOptions { Eta = eta });
        mwu.Step();
        mwu.Step();
        var p0 = Play.Uniform(3);
        var p1 = p0.PointwiseMultiply(1 + eta * (Play.WinRates(game, p0) - 0.5));
        p1 /= p1.Sum();
        var p2 = p1.PointwiseMultiply(1 + eta * (Play.WinRates(game, p1) - 0.5));
        p2 /= p2.Sum();
        Play.AssertClose(p2, mwu.Current[0], 1e-14);
        // Linear, not Hedge's exponential: the same step from the same iterate lands elsewhere.
        Assert.True((Play.Softmax(p1.PointwiseLog() + eta * Play.WinRates(game, p1)) - p2).AbsoluteMaximum() > 1e-4);
    }

    // The theorem of the class: after every T, dg_avg ≤ 2 ln n / (ηT) + η/2 for any η ≤ 1, on any game.
    [Theory]
    [InlineData("weighted-rps:margins=1/2/4", 0.1)]
    [InlineData("random:n=8", 1)]
    [InlineData("gpm:n=8", 0.05)]
    [InlineData("bt-mixture:n=5,layout=cyclic", 0.3)]
    [InlineData("contextual:family=random,contexts=3,n=5", 0.5)]
    public void TheAverageIteratesGapStaysWithinItsBoundAtEveryIteration(string spec, double eta)
    {
        var game = GameSource.Load(spec);
        double logN = Math.Log(game.MaxResponses);
        var mwu = Play.Create(Name, game, shared: new SelfPlayOptions { Eta = eta });
        for (int t = 1; t <= 400; t++)
        {
            double gap = mwu.Step().DualityGapAverage;
            Assert.True(gap <= 2 * logN / (eta * t) + eta / 2, $"{spec}, η = {eta}: dg_avg {gap:R} above its bound after {t} iterations");
        }
    }

    [Fact]
    public void TheDefaultStepMinimisesTheBoundAndReachesTwoSqrtLogNOverT()
    {
        var game = GameSource.Load("random:n=8");
        Assert.Equal(2 * Math.Sqrt(Math.Log(8) / 1000), LinearMwuAlgorithm.TunedEta(game, 1000), 15);
        Assert.Equal(1, LinearMwuAlgorithm.TunedEta(game, 3));
        var m = Play.Run(Name, "random:n=8", 1000);
        Assert.InRange(m.DualityGapAverage, 0, 2 * Math.Sqrt(Math.Log(8) / 1000));
    }

    [Fact]
    public void AStepAboveOneIsRefusedNamingEta()
    {
        var e = Assert.Throws<OptionException>(() => Play.Create(Name, GameSource.Load("rps"), options: new LinearMwuOptions { Eta = 1.5 }));
        Assert.Equal((typeof(LinearMwuOptions), nameof(LinearMwuOptions.Eta)), (e.Option.OptionsType, e.Option.Property));
    }
}
