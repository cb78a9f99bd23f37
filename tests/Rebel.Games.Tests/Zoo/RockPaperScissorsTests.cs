using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class RockPaperScissorsTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.8)]
    public void UniformIsTheMinimaxWinnerAndAPureActionIsExploitedByItsCounter(double win)
    {
        var game = GameZoo.Create(FormattableString.Invariant($"rps:win={win}"));
        ZooAssert.MinimaxWinner(game, 1.0 / 3, 1.0 / 3, 1.0 / 3);
        // Paper answers rock: DG(rock) = 2 (win − 1/2).
        Assert.Equal(2 * (win - 0.5), ZooAssert.Gap(game, 1, 0, 0), 12);
        Assert.Equal(1 - win, game.Contexts[0].Preference[0, 1], 15);
    }
}
