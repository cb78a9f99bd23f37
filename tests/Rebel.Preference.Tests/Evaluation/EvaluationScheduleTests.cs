using Rebel.Games;
using Rebel.Games.Zoo;
using Rebel.Preference.Evaluation;

namespace Rebel.Preference.Tests.Evaluation;

/// <summary>Iterations that are not evaluated (<c>Step(evaluate: false)</c>, the run's <c>log_every</c>) learn the same and report the same gaps when evaluated.</summary>
public sealed class EvaluationScheduleTests
{
    [Theory]
    [InlineData("rebel", "gpm:n=30,k=2,seed=3")]
    [InlineData("sppo", "weighted-rps")]
    [InlineData("rebel", "contextual:family=random,contexts=3,n=12,seed=5")]
    public void SkippedEvaluationsLeaveTheLearningAndTheEvaluatedGapsAsTheyWere(string algorithm, string spec)
    {
        var game = GameSource.Load(spec);
        var every = Play.Create(algorithm, game, iterations: 60, seed: 4);
        var sparse = Play.Create(algorithm, game, iterations: 60, seed: 4);
        for (int t = 1; t <= 60; t++)
        {
            var full = every.Step();
            var m = sparse.Step(evaluate: t % 8 == 0);
            Assert.Equal(full.Extra.Single(e => e.Key == "oracle_queries").Value, m.Extra.Single(e => e.Key == "oracle_queries").Value);
            Assert.Equal(full.KlStep, m.KlStep);
            if (t % 8 != 0)
            {
                Assert.True(double.IsNaN(m.DualityGapLast) && double.IsNaN(m.DualityGapAverage) && double.IsNaN(m.AverageRegret), $"t = {t}");
                continue;
            }
            Assert.Equal(full.DualityGapLast, m.DualityGapLast);
            // The average's gap from one product P π̄ instead of the running sum of P π_t: the same number but for rounding.
            Assert.Equal(full.DualityGapAverage, m.DualityGapAverage, 1e-12);
            Assert.Equal(full.AverageRegret, m.AverageRegret, 1e-12);
            foreach (var (key, value) in full.Extra.Where(e => e.Key.StartsWith("dist_mw", StringComparison.Ordinal)))
                Assert.Equal(value, m.Extra.Single(e => e.Key == key).Value, 1e-12);
        }
        for (int c = 0; c < game.Contexts.Count; c++)
        {
            Assert.Equal(every.Current[c].ToArray(), sparse.Current[c].ToArray());
            Assert.Equal(every.Average[c].ToArray(), sparse.Average[c].ToArray());
        }
    }

    [Theory]
    [InlineData("mirror-descent")]
    [InlineData("comal")]
    public void ALearnerThatReadsTheWinRatesIsEvaluatedAnyway(string algorithm)
    {
        var game = GameZoo.Create("weighted-rps");
        var a = Play.Create(algorithm, game, iterations: 20);
        var b = Play.Create(algorithm, game, iterations: 20);
        for (int t = 0; t < 20; t++)
        {
            var full = a.Step();
            var skipped = b.Step(evaluate: false);
            Assert.Equal(full.DualityGapLast, skipped.DualityGapLast);
            Assert.Equal(full.DualityGapAverage, skipped.DualityGapAverage);
        }
    }

    [Fact]
    public void TheCheckpointOfASparselyEvaluatedRunResumesToTheSameGaps()
    {
        var game = GameSource.Load("gpm:n=20,k=2,seed=1");
        var whole = Play.Create("rebel", game, iterations: 40, seed: 9);
        var first = Play.Create("rebel", game, iterations: 40, seed: 9);
        for (int t = 1; t <= 20; t++)
        {
            whole.Step(evaluate: t % 5 == 0);
            first.Step(evaluate: t % 5 == 0);
        }
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
            first.SaveState(w);
        var resumed = Play.Create("rebel", game, iterations: 40, seed: 9);
        using (var doc = System.Text.Json.JsonDocument.Parse(buffer.ToArray()))
            resumed.LoadState(doc.RootElement);
        for (int t = 21; t <= 40; t++)
        {
            var a = whole.Step(evaluate: t % 5 == 0);
            var b = resumed.Step(evaluate: t % 5 == 0);
            Assert.Equal(a.DualityGapAverage, b.DualityGapAverage);
            Assert.Equal(a.DualityGapLast, b.DualityGapLast);
        }
    }

    [Theory]
    [InlineData("condorcet", 1)]
    [InlineData("gpm:n=58,k=2", 1)]
    [InlineData("random:n=200", 4)]
    [InlineData("random:n=1000", 16)]
    public void TheAutomaticIntervalGrowsWithTheResponseSetAsAPowerOfTwo(string spec, int expected) =>
        Assert.Equal(expected, PolicyEvaluator.AutoEvery(GameSource.Load(spec)));
}
