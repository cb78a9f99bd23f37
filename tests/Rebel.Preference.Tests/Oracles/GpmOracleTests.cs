using Rebel.Games.Exact;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Tests.Oracles;

public class GpmOracleTests
{
    [Fact]
    public void GpmScoresWithTheSkewForm()
    {
        // v_a = (1, 0), v_b = (0, 1): v_aᵀ R v_b = 1·1 − 0·0 = 1; the reverse score is −1.
        var gpm = new GpmOracle([[[1.0, 0.0], [0.0, 1.0]]]);
        Assert.Equal(1 / (1 + Math.Exp(-1)), gpm.Probability(0, 0, 1), 1e-15);
        Assert.Equal(1, gpm.Probability(0, 0, 1) + gpm.Probability(0, 1, 0), 1e-15);
    }
}
