using Rebel.Games.Exact;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Tests.Oracles;

public class TabularOracleTests
{
    [Fact]
    public void TabularOracleAnswersFromTheMatrix()
    {
        var game = Rebel.Games.GameSource.Load("weighted-rps:margins=1/3/3,strength=1");
        var oracle = new TabularOracle(game);
        var p = new double[1];
        oracle.Probabilities(0, [1], [0], p);
        Assert.Equal(2.0 / 3, p[0], 1e-15);
        Assert.Equal(1, oracle.Queries);
    }
}
