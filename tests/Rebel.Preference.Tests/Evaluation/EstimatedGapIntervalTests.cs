using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference.Evaluation;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Tests.Evaluation;

/// <summary>
/// The intervals of the estimated duality gaps (<c>dg_last_est_ci</c>, <c>dg_avg_est_ci</c>) on a game whose exact
/// gaps are known: over many evaluator seeds they cover the exact gaps at least at their stated 95%.
/// </summary>
public sealed class EstimatedGapIntervalTests
{
    /// <summary>The game's own oracle, but not enumerable: the evaluator estimates as it does for an outcome judge.</summary>
    private sealed class Unenumerated(TabularGame game) : PreferenceOracle, IPreferenceOracle
    {
        private readonly TabularOracle _inner = new(game);

        bool IPreferenceOracle.Enumerable => false;

        public override int ContextCount => _inner.ContextCount;

        public override int ResponseCount(int context) => _inner.ResponseCount(context);

        public override double Probability(int context, int a, int b) => _inner.Probability(context, a, b);
    }

    private static double Extra(IterationMetrics m, string key) => m.Extra.Single(e => e.Key == key).Value;

    /// <summary>Exact mirror descent's iterates π_0 … π_T (η 0.1), a path that ends near the minimax winner, where responses tie and the max is most biased.</summary>
    private static List<double[][]> Path(TabularGame game, int horizon)
    {
        var path = new List<double[][]> { game.Contexts.Select(c => Enumerable.Repeat(1.0 / c.Count, c.Count).ToArray()).ToArray() };
        for (int t = 0; t < horizon; t++)
            path.Add(path[^1].Select((pi, c) =>
            {
                var r = new double[pi.Length];
                WinRate.Against(game.Contexts[c], pi, r);
                var next = pi.Select((p, y) => p * Math.Exp(0.1 * r[y])).ToArray();
                double z = next.Sum();
                return next.Select(p => p / z).ToArray();
            }).ToArray());
        return path;
    }

    private static double Gap(TabularGame game, double[][] policy) =>
        DualityGap.Of(game, new TabularPolicy(policy.Select(p => (MathNet.Numerics.LinearAlgebra.Vector<double>)MathNet.Numerics.LinearAlgebra.Double.DenseVector.OfArray(p)).ToArray()));

    [Theory]
    [InlineData("weighted-rps")]
    [InlineData("contextual:n=8,contexts=2,weights=random")]
    public void TheIntervalsCoverTheExactGapsAtTheirStatedRate(string spec)
    {
        var game = GameSource.Load(spec);
        const int horizon = 60, seeds = 200;
        var path = Path(game, horizon);
        // The estimated average is of π_1 … π_t, the iterates the evaluator asked about.
        var lastGaps = path.Select(p => Gap(game, p)).ToArray();
        var averageGaps = Enumerable.Range(1, horizon).Select(t => Gap(game, game.Contexts.Select((c, ci) =>
            Enumerable.Range(0, c.Count).Select(y => Enumerable.Range(1, t).Average(s => path[s][ci][y])).ToArray()).ToArray())).ToArray();
        int lastCovered = 0, averageCovered = 0, events = 0;
        double firstHalf = 0, lastHalf = 0;
        for (ulong seed = 0; seed < seeds; seed++)
        {
            var evaluator = PolicyEvaluator.For(game, new Unenumerated(game), seed);
            for (int t = 1; t <= horizon; t++)
            {
                var m = evaluator.Evaluate(path[t - 1], path[t]);
                events++;
                if (Math.Abs(Extra(m, "dg_last_est") - lastGaps[t]) <= Extra(m, "dg_last_est_ci"))
                    lastCovered++;
                if (Math.Abs(Extra(m, "dg_avg_est") - averageGaps[t - 1]) <= Extra(m, "dg_avg_est_ci"))
                    averageCovered++;
                if (t == horizon / 4)
                    firstHalf += Extra(m, "dg_avg_est_ci");
                if (t == horizon)
                    lastHalf += Extra(m, "dg_avg_est_ci");
            }
        }
        Assert.True(lastCovered >= 0.95 * events, $"dg_last_est covered {lastCovered} of {events}");
        Assert.True(averageCovered >= 0.95 * events, $"dg_avg_est covered {averageCovered} of {events}");
        // Hoeffding's width falls as 1/√(outcomes): four times the outcomes, half the width (not a constant that covers anything).
        Assert.InRange(lastHalf / firstHalf, 0.45, 0.55);
    }
}
