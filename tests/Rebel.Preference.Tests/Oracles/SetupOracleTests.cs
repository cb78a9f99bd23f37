using Rebel.Games.Zoo;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Tests.Oracles;

public sealed class SetupOracleTests
{
    [Theory]
    [InlineData("rebel")]
    [InlineData("sppo")]
    [InlineData("omwu")]
    [InlineData("online-dpo")]
    [InlineData("bt-rlhf")]
    [InlineData("fictitious-play")]
    public void SampledAlgorithmsLearnFromTheSetupsOracleNotFromTheGamesMatrix(string algorithm)
    {
        // The game (scored on) is cyclic; the oracle (learned from) is transitive with y2 best.
        var game = GameZoo.Create("rps");
        var oracle = new BradleyTerryOracle([[0, 1, 3]]);
        var shared = new SelfPlayOptions();
        var setup = new AlgorithmSetup(game, 300, 0, shared, null) { Oracle = oracle };
        var learner = AlgorithmCatalog.Find(algorithm).Instantiate(setup);
        IterationMetrics last = null!;
        for (int t = 0; t < 300; t++)
            last = learner.Step();
        // From rps itself every learner stays near uniform (its minimax winner); from the oracle y2 takes the lead.
        var pi = learner.Current[0];
        Assert.True(pi[2] > 0.45 && pi[2] > pi[1] && pi[2] > pi[0], $"{algorithm}: π = {string.Join(", ", pi)}");
        Assert.Equal(oracle.Queries, (long)last.Extra.Single(e => e.Key == "oracle_queries").Value);
        // Scored on rps, where a policy leaning on one response has a large gap.
        Assert.True(last.DualityGapLast > 0.2, $"{algorithm}: dg_last {last.DualityGapLast}");
    }

    [Fact]
    public void AnOracleOfAnotherShapeIsRefusedNamingTheProperty()
    {
        var setup = new AlgorithmSetup(GameZoo.Create("rps"), 10, 0, new SelfPlayOptions(), null) { Oracle = new BradleyTerryOracle([[0, 1]]) };
        var e = Assert.Throws<ArgumentException>(() => AlgorithmCatalog.Find("rebel").Instantiate(setup));
        Assert.StartsWith("Oracle:", e.Message, StringComparison.Ordinal);
    }
}
