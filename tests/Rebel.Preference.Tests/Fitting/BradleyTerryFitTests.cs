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
}
