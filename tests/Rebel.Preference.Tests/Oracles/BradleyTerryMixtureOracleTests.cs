using Rebel.Games.Exact;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Tests.Oracles;

public class BradleyTerryMixtureOracleTests
{
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
}
