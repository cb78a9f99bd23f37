using System.Globalization;
using Rebel.Games;
using Rebel.Preference;
using Rebel.Preference.Algorithms;

namespace Rebel.Bench.Figures;

/// <summary>
/// Convergence of REBEL from K samples to the minimax winner (issue 9 §3), with the horizon-tuned η: the mean
/// <c>dg_avg</c> over seeds at each horizon T, the log–log slope between the first and last horizon, and the ratio
/// to exact mirror descent at the last horizon (its "peer" here, run in the same process). Each estimator is one
/// row, so the unbiased default and the biased leave-one-out sit side by side.
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
        double md = Mean(g, "mirror-descent", ts[^1], new SelfPlayOptions(), null);
        foreach (var estimator in new[] { RebelEstimator.ImportanceWeighted, RebelEstimator.LeaveOneOut })
        {
            var shared = new SelfPlayOptions { Samples = SampleCount.Of(4), Feedback = feedback };
            var gaps = ts.Select(t => Mean(g, "rebel", t, shared, new RebelOptions { Estimator = estimator })).ToArray();
            double slope = Math.Log(gaps[^1] / gaps[0]) / Math.Log((double)ts[^1] / ts[0]);
            string curve = string.Join(", ", ts.Zip(gaps, (t, d) => string.Create(CultureInfo.InvariantCulture, $"T={t}: {d:G3}")));
            yield return new FigureRow(
                string.Create(CultureInfo.InvariantCulture, $"REBEL K=4 {feedback.ToString().ToLowerInvariant()} {OptionName(estimator)} on {game}, dg_avg at T={ts[^1]} (peer: exact MD)"),
                gaps[^1],
                md,
                string.Create(CultureInfo.InvariantCulture, $"mean of {seeds} seeds; slope {slope:F2}; {curve}"));
        }
    }

    private static string OptionName(RebelEstimator estimator) =>
        estimator == RebelEstimator.ImportanceWeighted ? "importance-weighted" : "leave-one-out";

    private double Mean(TabularGame g, string algorithm, int iterations, SelfPlayOptions shared, object? options) =>
        Enumerable.Range(0, seeds).AsParallel().AsOrdered().Select(seed =>
        {
            var run = AlgorithmCatalog.Find(algorithm).Create(new AlgorithmSetup(g, iterations, (ulong)seed, shared, options));
            IterationMetrics? last = null;
            for (int t = 0; t < iterations; t++)
                last = run.Step();
            return last!.DualityGapAverage;
        }).Average();
}
