using Rebel.Games.Exact;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class BradleyTerryMixtureTests
{
    private static double Sigma(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void PreferenceIsTheWeightedMixtureOfLogistics()
    {
        // Two populations over three responses, weights 3:1.
        var c = GameZoo.Create("bt-mixture:utilities=0/1/3;2/0/-1,weights=3/1").Contexts[0];
        Assert.Equal((3 * Sigma(0 - 1) + Sigma(2 - 0)) / 4, c.Preference[0, 1], 15);
        Assert.Equal((3 * Sigma(1 - 3) + Sigma(0 + 1)) / 4, c.Preference[1, 2], 15);
        Assert.Equal(3, c.Features![2, 0]);
        Assert.Equal(-1, c.Features[2, 1]);
    }

    [Fact]
    public void OnePopulationIsTransitiveAndCyclicPopulationsAreNot()
    {
        var single = GameZoo.Create("bt-mixture:utilities=0/1/2").Contexts[0];
        Assert.Equal(0, HodgeDecomposition.OfLogit(single).CyclicShare, 12);
        // Three populations holding the three cyclic rankings, strongly: close to condorcet:shares=1/1/1.
        var mixture = GameZoo.Create("bt-mixture:utilities=20/10/0;0/20/10;10/0/20");
        Assert.True(HodgeDecomposition.CyclicShareOf(mixture) > 0.99);
        ZooAssert.MinimaxWinner(mixture, 1.0 / 3, 1.0 / 3, 1.0 / 3);
    }

    [Fact]
    public void TheDefaultGameIsIntransitive()
    {
        Assert.True(HodgeDecomposition.CyclicShareOf(GameZoo.Create("bt-mixture")) > 0.01);
    }
}
