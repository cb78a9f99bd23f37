using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class TransitiveGameTests
{
    [Fact]
    public void TheTopUtilityResponseIsTheOnlyPureMinimaxWinner()
    {
        var game = GameZoo.Create("transitive:utilities=0/2/1/-1");
        ZooAssert.MinimaxWinner(game, ZooAssert.Pure(4, 1));
        // Against pure y_i the best reply is the winner y1: DG = 2 (σ(2 − u_i) − 1/2) > 0.
        double[] u = [0, 2, 1, -1];
        foreach (int i in new[] { 0, 2, 3 })
            Assert.Equal(2 * (1 / (1 + Math.Exp(-(2 - u[i]))) - 0.5), ZooAssert.Gap(game, ZooAssert.Pure(4, i)), 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(123456789)]
    public void RandomUtilitiesHaveTheirArgmaxAsCondorcetWinner(int seed)
    {
        var game = GameZoo.Create(FormattableString.Invariant($"transitive:n=9,seed={seed}"));
        var u = game.Contexts[0].Features!.Column(0);
        int winner = u.MaximumIndex();
        ZooAssert.MinimaxWinner(game, ZooAssert.Pure(9, winner));
        for (int i = 0; i < 9; i++)
            if (i != winner)
                Assert.True(ZooAssert.Gap(game, ZooAssert.Pure(9, i)) > 0);
    }

    [Fact]
    public void PreferenceIsTheLogisticOfTheUtilityDifference()
    {
        var p = GameZoo.Create("transitive:utilities=0.5/-1").Contexts[0].Preference;
        Assert.Equal(1 / (1 + Math.Exp(-1.5)), p[0, 1], 15);
    }
}
