using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class EfronDiceTests
{
    [Fact]
    public void WinProbabilitiesAreEfrons()
    {
        var p = GameZoo.Create("efron-dice").Contexts[0].Preference;
        // A = 4444 00, B = 333333, C = 66 2222, D = 555 111, counted by hand over the 36 face pairs.
        Assert.Equal(2.0 / 3, p[0, 1], 15); // A > B: A rolls 4.
        Assert.Equal(2.0 / 3, p[1, 2], 15); // B > C: C rolls 2.
        Assert.Equal(2.0 / 3, p[2, 3], 15); // C > D: 6, or 2 against 1: 1/3 + 2/3 · 1/2.
        Assert.Equal(2.0 / 3, p[3, 0], 15); // D > A: 5, or 1 against 0: 1/2 + 1/2 · 1/3.
        Assert.Equal(4.0 / 9, p[0, 2], 15); // A > C: 4 against 2.
        Assert.Equal(0.5, p[1, 3], 15);     // B > D: D rolls 1.
    }

    // With margins ×18, M = [[0, 3, −1, −3], [−3, 0, 3, 0], [1, −3, 0, 3], [3, 0, −3, 0]]; M π = 0 reduces to
    // π_A = π_C = 3 (π_B − π_D), whose non-negative solutions form the segment from (3, 1, 3, 0)/7 to (0, 1, 0, 1)/2.
    [Fact]
    public void TheMinimaxWinnerIsNotUnique()
    {
        var game = GameZoo.Create("efron-dice");
        double[] first = [3.0 / 7, 1.0 / 7, 3.0 / 7, 0];
        double[] second = [0, 0.5, 0, 0.5];
        ZooAssert.MinimaxWinner(game, first);
        ZooAssert.MinimaxWinner(game, second);
        ZooAssert.MinimaxWinner(game, first.Zip(second, (a, b) => 0.3 * a + 0.7 * b).ToArray());
        // Uniform is not one: C's margin against it is (1 − 3 + 0 + 3)/(4 · 18), so DG = 1/36.
        Assert.Equal(1.0 / 36, ZooAssert.Gap(game, 0.25, 0.25, 0.25, 0.25), 12);
    }
}
