using Rebel.Games.Exact;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Tests.Oracles;

public class PreferenceOracleTests
{
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
}
