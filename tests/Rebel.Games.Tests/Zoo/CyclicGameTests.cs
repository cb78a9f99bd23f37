using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class CyclicGameTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(10)]
    public void UniformIsAMinimaxWinnerAndEveryActionBeatsAsManyAsBeatIt(int n)
    {
        var game = GameZoo.Create(FormattableString.Invariant($"cyclic:n={n},win=0.75"));
        var p = game.Contexts[0].Preference;
        for (int i = 0; i < n; i++)
        {
            int wins = Enumerable.Range(0, n).Count(j => p[i, j] == 0.75);
            Assert.Equal((n - 1) / 2, wins);
            Assert.Equal(0.75, p[i, (i + 1) % n]);
        }
        ZooAssert.MinimaxWinner(game, Enumerable.Repeat(1.0 / n, n).ToArray());
    }

    [Fact]
    public void ThreeActionsAreRockPaperScissors()
    {
        var cyclic = GameZoo.Create("cyclic:n=3").Contexts[0].Preference;
        var rps = GameZoo.Create("rps").Contexts[0].Preference;
        // y0 beats y1 in the cycle, rock beats scissors: map (y0, y1, y2) to (rock, scissors, paper).
        int[] map = [0, 2, 1];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(rps[map[i], map[j]], cyclic[i, j]);
    }
}
