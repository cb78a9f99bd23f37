using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class WeightedRockPaperScissorsTests
{
    [Fact]
    public void DefaultMarginsAreOneThreeThreeOverSix()
    {
        var p = GameZoo.Create("weighted-rps").Contexts[0].Preference;
        // Order rock, paper, scissors: paper > rock by 1/6, scissors > paper by 3/6, rock > scissors by 3/6.
        Assert.Equal(0.5 + 1.0 / 6, p[1, 0], 15);
        Assert.Equal(1.0, p[2, 1], 15);
        Assert.Equal(1.0, p[0, 2], 15);
    }

    // Closed form. Write a = M(paper, rock), b = M(scissors, paper), c = M(rock, scissors) for the margins M = P − 1/2.
    // The margins of the three pure actions against π are
    //   rock: −a π_paper + c π_scissors,  paper: a π_rock − b π_scissors,  scissors: b π_paper − c π_rock.
    // π = (b, c, a)/(a + b + c) makes all three zero (e.g. rock: −a c + c a = 0), so max_y P(y ≻ π) = 1/2 and DG(π) = 0:
    // each action gets the margin of the pair it is not in.
    [Theory]
    [InlineData(1, 3, 3)]
    [InlineData(1, 1, 1)]
    [InlineData(2, 5, 0.5)]
    [InlineData(0, 2, 5)]
    public void ClosedFormMinimaxWinnerHasZeroGap(double m1, double m2, double m3)
    {
        var game = GameZoo.Create(FormattableString.Invariant($"weighted-rps:margins={m1}/{m2}/{m3},strength=0.9"));
        double sum = m1 + m2 + m3;
        ZooAssert.MinimaxWinner(game, m2 / sum, m3 / sum, m1 / sum);
    }

    [Fact]
    public void UniformIsNotAMinimaxWinnerOfTheDefault()
    {
        // Margins against uniform: rock (−1/6 + 1/2)/3 = 1/9, so DG(uniform) = 2/9.
        Assert.Equal(2.0 / 9, ZooAssert.Gap(GameZoo.Create("weighted-rps"), 1.0 / 3, 1.0 / 3, 1.0 / 3), 12);
    }
}
