using System.Text;
using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Judges;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Tests.Evaluation;

public sealed class EstimatedEvaluationTests
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Judges", "cyclic_judge.py");
    private static readonly string Exact = $"judge:cmd=\"python3 '{Script}' --n 5\",responses=5";

    // eval-budget=0: the same judge, but its matrix is not asked for, so the run estimates.
    private static readonly string Estimated = Exact + ",eval-budget=0";

    private static (ISelfPlayAlgorithm Algorithm, JudgeOracle Judge) New(string spec, int horizon = 400)
    {
        var judge = new JudgeOracle(GameSource.Judge(spec)!);
        var setup = new AlgorithmSetup(GameSource.Load(spec, JudgeConsent.All), horizon, 1, new SelfPlayOptions(), null) { Oracle = judge };
        return (AlgorithmCatalog.Find("rebel").Instantiate(setup), judge);
    }

    private static double Extra(IterationMetrics m, string key) => m.Extra.Single(e => e.Key == key).Value;

    [Fact]
    public void EstimatesSaySoCoverTheExactValuesAndNeverDisturbTheLearner()
    {
        var truth = GameSource.Load(Exact, JudgeConsent.All).Contexts[0].Preference;
        var (exact, exactJudge) = New(Exact);
        var (estimated, estimatedJudge) = New(Estimated);
        using (exactJudge)
        using (estimatedJudge)
        {
            int covered = 0, horizon = 400;
            IterationMetrics a = null!, b = null!;
            for (int t = 0; t < horizon; t++)
            {
                var pi = estimated.Current[0];
                // P(π ≻ uniform) = πᵀ P 1/n.
                double winRate = Enumerable.Range(0, 5).Sum(i => pi[i] * Enumerable.Range(0, 5).Average(j => truth[i, j]));
                a = exact.Step();
                b = estimated.Step();
                Assert.Equal(a.KlStep, b.KlStep);
                Assert.Equal(a.Entropy, b.Entropy);
                Assert.Equal(Extra(a, "oracle_queries"), Extra(b, "oracle_queries"));
                Assert.True(double.IsNaN(b.DualityGapLast) && double.IsNaN(b.DualityGapAverage) && double.IsNaN(b.AverageRegret));
                if (Math.Abs(Extra(b, "win_rate_ref_est") - winRate) <= Extra(b, "win_rate_ref_ci"))
                    covered++;
            }
            Assert.DoesNotContain(b.Extra, e => e.Key.StartsWith("dist_mw", StringComparison.Ordinal));
            Assert.Equal(64.0 * horizon, Extra(b, "eval_queries"));
            Assert.InRange(covered / (double)horizon, 0.88, 1.0); // a 95% interval
            Assert.True(a.DualityGapAverage > 0.01, $"dg_avg {a.DualityGapAverage}");
            Assert.Equal(a.DualityGapAverage, Extra(b, "dg_avg_est"), 0.03);
        }
    }

    [Fact]
    public void AnEstimatingRunResumesBitExact()
    {
        string Save(ISelfPlayAlgorithm algorithm)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
                algorithm.SaveState(w);
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        var (whole, judge1) = New(Estimated, 60);
        var (first, judge2) = New(Estimated, 60);
        var (second, judge3) = New(Estimated, 60);
        using (judge1)
        using (judge2)
        using (judge3)
        {
            for (int t = 0; t < 30; t++)
            {
                whole.Step();
                first.Step();
            }
            using (var state = JsonDocument.Parse(Save(first)))
                second.LoadState(state.RootElement);
            for (int t = 0; t < 30; t++)
                Assert.Equal(whole.Step().Extra, second.Step().Extra);
        }
    }
}
