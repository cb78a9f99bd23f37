using System.Globalization;
using System.Text.Json;

namespace Rebel.Runs.Charts;

/// <summary>
/// Log–log charts of groups of runs (the algorithms of <c>rebel compare</c>, the grid points of a sweep): per group
/// the mean over its runs of a duality gap, with a band from the minimum to the maximum over the runs, against the
/// iteration or the oracle queries, optionally with mirror descent's bound <c>√(2 ln n / T)</c>.
/// </summary>
public static class ComparisonChart
{
    /// <summary>
    /// Exact mirror descent's guarantee for the average iterate with the horizon-tuned step <c>η = √(8 ln n / T)</c>:
    /// <c>DG(π̄_T) ≤ √(2 ln n / T)</c> (DESIGN §1), at each of <paramref name="iterations"/>. Over several contexts the
    /// weighted gap is at most the bound of the largest response set, so <paramref name="responses"/> is the largest.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="responses"/> is below 2.</exception>
    public static ChartSeries MirrorDescentBound(int responses, IReadOnlyList<double> iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(responses, 2);
        ArgumentNullException.ThrowIfNull(iterations);
        string name = string.Create(CultureInfo.InvariantCulture, $"√(2 ln n / T), n = {responses}");
        return new ChartSeries(name, iterations, iterations.Select(t => Math.Sqrt(2 * Math.Log(responses) / t)).ToArray()) { IsReference = true };
    }

    /// <summary>
    /// The chart's series: per group the mean of <paramref name="metric"/> over its runs at the iterations all of them
    /// have, banded by the minimum and maximum (when there are two runs or more); on
    /// <see cref="ChartXAxis.OracleQueries"/> the x value is the mean of the runs' cumulative queries at that
    /// iteration, read from each run's <c>metrics.jsonl</c>, and groups whose runs report none are left out.
    /// </summary>
    /// <param name="groups">Each group's label and runs (runs of one group have the same length).</param>
    /// <param name="metric">The gap to draw.</param>
    /// <param name="xAxis">What the x axis counts.</param>
    /// <exception cref="ArgumentException">A group without runs.</exception>
    /// <exception cref="RunException">A run's metrics cannot be read.</exception>
    public static IReadOnlyList<ChartSeries> Series(IReadOnlyList<KeyValuePair<string, IReadOnlyList<RunResult>>> groups, ChartMetric metric, ChartXAxis xAxis)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var series = new List<ChartSeries>();
        foreach (var (label, runs) in groups)
        {
            if (runs.Count == 0)
                throw new ArgumentException($"group '{label}': no runs", nameof(groups));
            int n = runs.Min(r => r.Iterations.Count);
            var iterations = runs[0].Iterations.Take(n).ToArray();
            var values = runs.Select(r => (metric == ChartMetric.DualityGapLast ? r.DualityGapLast : r.DualityGapAverage).Take(n).ToArray()).ToArray();
            double[] x = iterations;
            if (xAxis == ChartXAxis.OracleQueries)
            {
                var queries = runs.Select(r => QueriesAt(r.Directory, iterations)).ToArray();
                if (queries.Any(q => q is null))
                    continue;
                x = Enumerable.Range(0, n).Select(t => queries.Average(q => q![t])).ToArray();
            }
            var mean = Enumerable.Range(0, n).Select(t => values.Average(v => v[t])).ToArray();
            var curve = new ChartSeries(label, x, mean);
            series.Add(runs.Count < 2 ? curve : curve with
            {
                Lower = Enumerable.Range(0, n).Select(t => values.Min(v => v[t])).ToArray(),
                Upper = Enumerable.Range(0, n).Select(t => values.Max(v => v[t])).ToArray(),
            });
        }
        return series;
    }

    /// <summary>
    /// Renders the chart of <see cref="Series"/> as SVG, log–log, with <see cref="MirrorDescentBound"/> when
    /// <paramref name="boundResponses"/> is given (it is drawn against the iteration, so only on that axis).
    /// </summary>
    /// <param name="title">Chart title, e.g. the game.</param>
    /// <param name="groups">Each group's label and runs, in display order (up to <see cref="SvgLineChart.DistinctStyles"/> keep distinct styles).</param>
    /// <param name="metric">The gap to draw.</param>
    /// <param name="xAxis">What the x axis counts.</param>
    /// <param name="boundResponses">The largest response set of the game, to draw mirror descent's bound; null for none.</param>
    /// <exception cref="ArgumentException">A group without runs.</exception>
    /// <exception cref="RunException">A run's metrics cannot be read.</exception>
    public static string Render(string title, IReadOnlyList<KeyValuePair<string, IReadOnlyList<RunResult>>> groups, ChartMetric metric, ChartXAxis xAxis, int? boundResponses = null)
    {
        var series = Series(groups, metric, xAxis).ToList();
        if (boundResponses is { } n && xAxis == ChartXAxis.Iterations && series.Count > 0)
            series.Add(MirrorDescentBound(n, series.MaxBy(s => s.X.Count)!.X));
        string gap = metric == ChartMetric.DualityGapLast ? "dg_last" : "dg_avg";
        string iterate = metric == ChartMetric.DualityGapLast ? "last iterate" : "average iterate";
        bool banded = groups.Any(g => g.Value.Count > 1);
        // A group missing from the chart is named under it, so that a reader does not take it for a lost curve.
        var leftOut = groups.Select(g => g.Key).Except(series.Select(s => s.Name)).ToArray();
        string notDrawn = leftOut.Length == 0 ? "" : $"; not drawn, making no oracle queries: {string.Join(", ", leftOut)}";
        return SvgLineChart.Render(
            $"{title}: duality gap of the {iterate}{(banded ? " (mean, band min–max over seeds)" : "")}{notDrawn}",
            xAxis == ChartXAxis.Iterations ? "iteration" : "oracle queries",
            $"duality gap of the {iterate} ({gap})",
            series,
            logX: true);
    }

    /// <summary>The run's cumulative <c>oracle_queries</c> at each of <paramref name="iterations"/> (increasing), streamed from its metrics; null if it reports none.</summary>
    private static double[]? QueriesAt(string directory, IReadOnlyList<double> iterations)
    {
        string path = Path.Combine(directory, RunFiles.Metrics);
        var result = new double[iterations.Count];
        int next = 0;
        try
        {
            using var reader = new StreamReader(path);
            for (string? line = reader.ReadLine(); line is not null && next < iterations.Count; line = reader.ReadLine())
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.GetProperty("iteration").GetInt32() != iterations[next])
                    continue;
                if (!root.TryGetProperty("oracle_queries", out var q) || q.ValueKind != JsonValueKind.Number)
                    return null;
                result[next++] = q.GetDouble();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new RunException($"{path}: cannot read oracle_queries: {e.Message}");
        }
        if (next < iterations.Count)
            throw new RunException(string.Create(CultureInfo.InvariantCulture, $"{path}: no metrics line for iteration {iterations[next]}"));
        return result;
    }
}
