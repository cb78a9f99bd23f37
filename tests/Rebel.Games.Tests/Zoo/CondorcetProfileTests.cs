using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class CondorcetProfileTests
{
    [Fact]
    public void PreferencesAreVoterShares()
    {
        // Shares 4/9 (A>B>C), 3/9 (B>C>A), 2/9 (C>A>B).
        var p = GameZoo.Create("condorcet:shares=4/3/2").Contexts[0].Preference;
        Assert.Equal(6.0 / 9, p[0, 1], 15); // A above B: rankings 1 and 3.
        Assert.Equal(7.0 / 9, p[1, 2], 15); // B above C: rankings 1 and 2.
        Assert.Equal(5.0 / 9, p[2, 0], 15); // C above A: rankings 2 and 3.
    }

    // Closed form with every share below 1/2: the margins M(A,B) = 1/2 − s2, M(B,C) = 1/2 − s3, M(C,A) = 1/2 − s1 are
    // positive around the cycle A > B > C > A. The margins of the pure candidates against π are
    //   A: M(A,B) π_B − M(C,A) π_C,  B: M(B,C) π_C − M(A,B) π_A,  C: M(C,A) π_A − M(B,C) π_B,
    // all zero at π ∝ (M(B,C), M(C,A), M(A,B)) = (1/2 − s3, 1/2 − s1, 1/2 − s2): DG = 0.
    [Theory]
    [InlineData(4, 3, 2)]
    [InlineData(1, 1, 1)]
    [InlineData(0.3, 0.45, 0.25)]
    public void CyclicMajorityHasTheClosedFormMinimaxWinner(double a, double b, double c)
    {
        var game = GameZoo.Create(FormattableString.Invariant($"condorcet:shares={a}/{b}/{c}"));
        double total = a + b + c;
        double[] s = [a / total, b / total, c / total];
        double[] w = [0.5 - s[2], 0.5 - s[0], 0.5 - s[1]];
        ZooAssert.MinimaxWinner(game, w.Select(x => x / w.Sum()).ToArray());
    }

    [Fact]
    public void DefaultProfileIsFiveOneThreeNinths()
    {
        ZooAssert.MinimaxWinner(GameZoo.Create("condorcet"), 5.0 / 9, 1.0 / 9, 3.0 / 9);
    }

    [Theory]
    [InlineData("6/1/1", 0)]
    [InlineData("1/6/1", 1)]
    [InlineData("1/1/6", 2)]
    public void AMajorityRankingMakesItsTopCandidateACondorcetWinner(string shares, int winner)
    {
        // A share above 1/2 puts its ranking's top candidate above each rival for a majority: pure MW.
        var game = GameZoo.Create("condorcet:shares=" + shares);
        ZooAssert.MinimaxWinner(game, ZooAssert.Pure(3, winner));
        for (int other = 0; other < 3; other++)
            if (other != winner)
                Assert.True(ZooAssert.Gap(game, ZooAssert.Pure(3, other)) > 0.1);
    }
}
