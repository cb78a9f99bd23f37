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
    public void TheDefaultIsIntransitive()
    {
        Assert.True(HodgeDecomposition.CyclicShareOf(GameZoo.Create("bt-mixture")) > 0.05);
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

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TheCyclicLayoutWithEveryRotationHasNoCondorcetWinner(int seed)
    {
        var c = GameZoo.Create(FormattableString.Invariant($"bt-mixture:layout=cyclic,n=5,k=5,seed={seed}")).Contexts[0];
        Assert.All(Enumerable.Range(0, c.Count), y => Assert.Contains(Enumerable.Range(0, c.Count), z => c.Preference[z, y] > 0.5));
    }

    [Fact]
    public void EveryRotationWithoutJitterIsCirculantWithAUniformMinimaxWinner()
    {
        // Population k ranks y at (y + k) mod n: shifting every response by one permutes the populations, so
        // P(y ≻ z) depends on z − y only and each row of the margin sums to zero, giving uniform DG 0.
        var game = GameZoo.Create("bt-mixture:layout=cyclic,n=5,k=5,jitter=0");
        var p = game.Contexts[0].Preference;
        for (int y = 0; y < 5; y++)
            Assert.Equal(p[0, 2], p[y, (y + 2) % 5], 14);
        ZooAssert.MinimaxWinner(game, 0.2, 0.2, 0.2, 0.2, 0.2);
        Assert.True(ZooAssert.Gap(game, 1, 0, 0, 0, 0) > 0.1);
    }
}
