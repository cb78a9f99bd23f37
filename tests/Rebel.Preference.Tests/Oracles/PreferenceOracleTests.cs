using Rebel.Games.Exact;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Tests.Oracles;

public class PreferenceOracleTests
{
    [Fact]
    public void BradleyTerryIsTheLogisticOfTheUtilityGap()
    {
        var bt = new BradleyTerryOracle([[0, Math.Log(3)]]);
        Assert.Equal(0.75, bt.Probability(0, 1, 0), 1e-15);
        Assert.Equal(0.25, bt.Probability(0, 0, 1), 1e-15);
    }

    [Fact]
    public void ABtMixtureOfThreeCyclicRatersHasTheUniformMinimaxWinner()
    {
        // Three equally weighted raters with the cyclic orders a>b>c, b>c>a, c>a>b (utility gaps of 10): every
        // pair is won by a 2:1 majority, a rock-paper-scissors whose minimax winner is uniform.
        double[] Order(int first, int second, int third)
        {
            var u = new double[3];
            (u[first], u[second], u[third]) = (20, 10, 0);
            return u;
        }
        var mixture = new BradleyTerryMixtureOracle([1, 1, 1], [[Order(0, 1, 2)], [Order(1, 2, 0)], [Order(2, 0, 1)]]);
        double big = 1 / (1 + Math.Exp(-10)), huge = 1 / (1 + Math.Exp(-20));
        Assert.Equal((2 * big + (1 - huge)) / 3, mixture.Probability(0, 0, 1), 1e-15);
        var game = mixture.ToGame("cyclic");
        Assert.Equal(0, DualityGap.Of(game, Rebel.Games.TabularPolicy.Uniform(game)), 1e-12);
    }

    [Fact]
    public void GpmScoresWithTheSkewForm()
    {
        // v_a = (1, 0), v_b = (0, 1): v_aᵀ R v_b = 1·1 − 0·0 = 1; the reverse score is −1.
        var gpm = new GpmOracle([[[1.0, 0.0], [0.0, 1.0]]]);
        Assert.Equal(1 / (1 + Math.Exp(-1)), gpm.Probability(0, 0, 1), 1e-15);
        Assert.Equal(1, gpm.Probability(0, 0, 1) + gpm.Probability(0, 1, 0), 1e-15);
    }

    [Fact]
    public void QueriesAreCountedAndBernoulliFeedbackHasTheRightMean()
    {
        var bt = new BradleyTerryOracle([[0, Math.Log(3)]]);
        var random = new SeededRandom(12);
        int[] a = [1, 1, 1, 1], b = [0, 0, 0, 0];
        var outcome = new double[4];
        double wins = 0;
        for (int i = 0; i < 5000; i++)
        {
            bt.Feedback(0, a, b, Rebel.Preference.FeedbackKind.Bernoulli, random, outcome);
            wins += outcome.Sum();
        }
        Assert.Equal(20000, bt.Queries);
        // 20,000 draws of Bernoulli(3/4): standard deviation 0.0031.
        Assert.InRange(wins / 20000, 0.75 - 0.0125, 0.75 + 0.0125);
    }

    [Fact]
    public void TabularOracleAnswersFromTheMatrix()
    {
        var game = Rebel.Games.GameSource.Load("weighted-rps");
        var oracle = new TabularOracle(game);
        var p = new double[1];
        oracle.Probabilities(0, [1], [0], p);
        Assert.Equal(2.0 / 3, p[0], 1e-15);
        Assert.Equal(1, oracle.Queries);
    }
}
