using Rebel.Games.Exact;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Tests.Oracles;

public class BradleyTerryOracleTests
{
    [Fact]
    public void BradleyTerryIsTheLogisticOfTheUtilityGap()
    {
        var bt = new BradleyTerryOracle([[0, Math.Log(3)]]);
        Assert.Equal(0.75, bt.Probability(0, 1, 0), 1e-15);
        Assert.Equal(0.25, bt.Probability(0, 0, 1), 1e-15);
    }
}
