using Rebel.Preference.Fitting;

namespace Rebel.Preference.Tests.Fitting;

public class BradleyTerryFitTests
{
    [Fact]
    public void ThreeResponsesWithConsistentOddsRecoverTheirUtilities()
    {
        // Data generated exactly by utilities (0, ln 2, ln 6): W_ab = P(a ≻ b) = e^{s_a}/(e^{s_a} + e^{s_b}).
        double[] w = [1, 2, 6];
        var wins = new double[9];
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                if (a != b)
                    wins[a * 3 + b] = w[a] / (w[a] + w[b]);
        var s = BradleyTerryFit.Fit(wins, 3, 1e-12);
        Assert.Equal(Math.Log(2), s[1] - s[0], 1e-9);
        Assert.Equal(Math.Log(3), s[2] - s[1], 1e-9);
    }

    [Fact]
    public void WithoutARidgeTheFitIsThePlainMaximumLikelihoodWithZeroSumGroups()
    {
        // Two groups never compared with each other: {0, 1} with odds 3 : 1 and {2, 3} with odds 1 : 4. Each group's
        // utilities sum to zero, so s = (ln3/2, −ln3/2, −ln4/2, ln4/2) exactly.
        var wins = new double[16];
        (wins[0 * 4 + 1], wins[1 * 4 + 0]) = (3, 1);
        (wins[2 * 4 + 3], wins[3 * 4 + 2]) = (1, 4);
        var s = BradleyTerryFit.Fit(wins, 4, 0);
        Assert.Equal([Math.Log(3) / 2, -Math.Log(3) / 2, -Math.Log(4) / 2, Math.Log(4) / 2], s.Select(v => Math.Round(v, 12)).ToArray(), (a, b) => Math.Abs(a - Math.Round(b, 12)) < 1e-12);
    }

    [Fact]
    public void WithoutARidgeAResponseThatNeverLosesHasNoFit()
    {
        // y0 beats y1 and y2, y1 and y2 trade wins: y0 never loses, so its utility would run off to infinity.
        var wins = new double[9];
        (wins[0 * 3 + 1], wins[0 * 3 + 2]) = (2, 1);
        (wins[1 * 3 + 2], wins[2 * 3 + 1]) = (1, 1);
        var e = Assert.Throws<ArgumentException>(() => BradleyTerryFit.Fit(wins, 3, 0, names: ["a", "b", "c"]));
        Assert.Contains("ridge > 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("response '", e.Message, StringComparison.Ordinal);
    }
}
