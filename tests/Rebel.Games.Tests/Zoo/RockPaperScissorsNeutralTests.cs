using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class RockPaperScissorsNeutralTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.4)]
    [InlineData(1.0)]
    public void EveryMixOfUniformAndNeutralIsAMinimaxWinner(double t)
    {
        // Neutral ties with all, and uniform rock-paper-scissors mass gives every action margin 0: DG = 0 for all t.
        var game = GameZoo.Create("rpsw:win=0.9");
        double u = (1 - t) / 3;
        ZooAssert.MinimaxWinner(game, u, u, u, t);
    }

    [Fact]
    public void TiltedRpsMassIsExploited()
    {
        // Against (1/2 rock, 1/2 neutral) paper wins 1/2 · 1 + 1/2 · 1/2 = 3/4: DG = 1/2.
        Assert.Equal(0.5, ZooAssert.Gap(GameZoo.Create("rpsw"), 0.5, 0, 0, 0.5), 12);
    }
}
