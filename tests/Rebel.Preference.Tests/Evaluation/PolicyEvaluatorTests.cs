using Rebel.Games.Zoo;
using Rebel.Preference.Algorithms;
using Rebel.Preference.Evaluation;

namespace Rebel.Preference.Tests.Evaluation;

public sealed class PolicyEvaluatorTests
{
    [Fact]
    public void ProbabilitiesInGiveMirrorDescentsFusedMetricsIncludingKlRef()
    {
        var game = GameZoo.Create("weighted-rps");
        var md = new MirrorDescentAlgorithm(game, 0.3);
        var evaluator = new PolicyEvaluator(game);
        for (int t = 0; t < 50; t++)
        {
            var played = Enumerable.Range(0, game.Contexts.Count).Select(c => md.Current[c].ToArray()).ToArray();
            var fused = md.Step();
            var next = Enumerable.Range(0, game.Contexts.Count).Select(c => md.Current[c].ToArray()).ToArray();
            var m = evaluator.Evaluate(played, next);
            Assert.Equal(fused.Iteration, m.Iteration);
            Assert.Equal(fused.DualityGapLast, m.DualityGapLast, 1e-13);
            Assert.Equal(fused.DualityGapAverage, m.DualityGapAverage, 1e-13);
            Assert.Equal(fused.AverageRegret, m.AverageRegret, 1e-13);
            Assert.Equal(fused.KlStep, m.KlStep, 1e-12);
            Assert.Equal(fused.Entropy, m.Entropy, 1e-12);
            Assert.Equal(fused.Extra.Select(e => e.Key), m.Extra.Select(e => e.Key));
            foreach (var (key, value) in fused.Extra)
                Assert.Equal(value, m.Extra.Single(e => e.Key == key).Value, 1e-10);
        }
        // Away from the uniform start, so kl_ref is a real check: KL(π_T ‖ uniform) = ln 3 − H(π_T).
        double klRef = md.Step().Extra.Single(e => e.Key == "kl_ref").Value;
        var current = md.Current[0].ToArray();
        Assert.True(klRef > 1e-3, $"kl_ref {klRef}");
        Assert.Equal(Math.Log(3) + current.Sum(p => p * Math.Log(p)), klRef, 1e-12);
    }

    [Fact]
    public void APolicyThatDoesNotMatchTheGameIsRefused()
    {
        var evaluator = new PolicyEvaluator(GameZoo.Create("rps"));
        Assert.Throws<ArgumentException>(() => evaluator.Evaluate([[0.5, 0.5]], [[0.5, 0.5]]));
    }
}
