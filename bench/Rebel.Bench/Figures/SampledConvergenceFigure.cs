using System.Globalization;
using Rebel.Games;
using Rebel.Preference.Options;
using Rebel.Preference;
using Rebel.Preference.Algorithms;

namespace Rebel.Bench.Figures;

/// <summary>
/// Convergence of REBEL from K samples to the minimax winner (issues 9 and 22), with the horizon-tuned η: the mean
/// <c>dg_avg</c> ± its standard error over seeds at each horizon T, the per-seed log–log slope between the first and
/// last horizon (mean ± standard error), and the ratio to exact mirror descent at the last horizon (its "peer" here,
/// run in the same process). Each estimator is one row: the doubly robust default, the importance-weighted one and
/// the biased leave-one-out side by side, at equal oracle queries (all three ask K(K−1)/2 pairs per context).
/// </summary>
/// <param name="game">The game spec.</param>
/// <param name="feedback">Oracle feedback.</param>
/// <param name="seeds">Seeds 0..seeds−1 per horizon.</param>
/// <param name="horizons">Horizons T, ascending; each run is a fresh run tuned for its T.</param>
public sealed class SampledConvergenceFigure(string game, FeedbackKind feedback, int seeds, int[] horizons) : IFigure
{
    /// <inheritdoc/>
    public IEnumerable<FigureRow> Measure(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var g = GameSource.Load(game);
        var ts = context.Quick ? horizons[..^1] : horizons;
        double md = Gaps(g, "mirror-descent", ts[^1], new SelfPlayOptions(), null).Average();
        foreach (var estimator in new[] { RebelEstimator.DoublyRobust, RebelEstimator.ImportanceWeighted, RebelEstimator.LeaveOneOut })
        {
            var shared = new SelfPlayOptions { Samples = SampleCount.Of(4), Feedback = feedback };
            var gaps = ts.Select(t => Gaps(g, "rebel", t, shared, new RebelOptions { Estimator = estimator })).ToArray();
            var (slope, slopeSe) = MeanSe(Enumerable.Range(0, seeds).Select(s => Math.Log(gaps[^1][s] / gaps[0][s]) / Math.Log((double)ts[^1] / ts[0])));
            string curve = string.Join(", ", ts.Zip(gaps, (t, d) => string.Create(CultureInfo.InvariantCulture, $"T={t}: {MeanSe(d).Mean:G3} ± {MeanSe(d).Se:G2}")));
            yield return new FigureRow(
                string.Create(CultureInfo.InvariantCulture, $"REBEL K=4 {feedback.ToString().ToLowerInvariant()} {OptionField.Format(estimator)} on {game}, dg_avg at T={ts[^1]} (peer: exact MD)"),
                gaps[^1].Average(),
                md,
                string.Create(CultureInfo.InvariantCulture, $"mean ± SE over seeds 0–{seeds - 1}; slope {slope:F2} ± {slopeSe:F2}; {curve}"));
        }
    }

    private static (double Mean, double Se) MeanSe(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average();
        return (mean, v.Length < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1) / v.Length));
    }

    private double[] Gaps(TabularGame g, string algorithm, int iterations, SelfPlayOptions shared, object? options) =>
        Enumerable.Range(0, seeds).AsParallel().AsOrdered().Select(seed =>
        {
            var run = AlgorithmCatalog.Find(algorithm).Create(new AlgorithmSetup(g, iterations, (ulong)seed, shared, options));
            IterationMetrics? last = null;
            for (int t = 0; t < iterations; t++)
                last = run.Step();
            return last!.DualityGapAverage;
        }).ToArray();
}
