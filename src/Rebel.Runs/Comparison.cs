using System.Globalization;
using System.Text;
using Rebel.Games;
using Rebel.Preference;
using Rebel.Runs.Charts;

namespace Rebel.Runs;

/// <summary>
/// Summarises runs of several algorithms over seeds (<c>rebel compare</c>): <c>summary.csv</c>, <c>summary.md</c>
/// and the charts <c>comparison.svg</c> (<c>dg_avg</c>) and <c>comparison-last.svg</c> (<c>dg_last</c>): per algorithm the
/// mean over seeds with a min–max band, log–log against the iteration or the oracle queries (<see cref="ComparisonChart"/>).
/// </summary>
public static class Comparison
{
    /// <summary>Machine-readable summary file name.</summary>
    public const string CsvFile = "summary.csv";

    /// <summary>Markdown summary file name.</summary>
    public const string MarkdownFile = "summary.md";

    /// <summary>Chart file name: <c>dg_avg</c>, with mirror descent's bound when mirror descent is compared.</summary>
    public const string ChartFile = "comparison.svg";

    /// <summary>Chart file name: <c>dg_last</c>, by which last-iterate methods are judged.</summary>
    public const string LastChartFile = "comparison-last.svg";

    /// <summary>The default duality gap at which sample efficiency is measured: oracle queries until <c>dg_avg ≤ 0.01</c> (<c>compare --target</c>).</summary>
    public const double TargetGap = 0.01;

    /// <summary>The summary row of one algorithm's runs, reading each run's directory for its settings and for the queries to <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">No runs, or a run without iterations.</exception>
    /// <exception cref="RunException">A run's directory holds no readable run.</exception>
    public static ComparisonRow Summarize(string algorithm, IReadOnlyList<RunResult> runs, double target = TargetGap)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0 || runs.Any(r => r.Final is null))
            throw new ArgumentException($"algorithm '{algorithm}': every run needs at least one iteration", nameof(runs));
        var finals = runs.Select(r => r.Final!).ToArray();
        var (lastMean, lastSd) = MeanSd(finals.Select(f => f.DualityGapLast));
        var (avgMean, avgSd) = MeanSd(finals.Select(f => f.DualityGapAverage));
        double? queriesMean = MeanOfExtra(finals, "oracle_queries");
        var traces = runs.Select(r => RunTrace.Read(r.Directory, target)).ToArray();
        var reached = traces.Where(t => t.Reached).ToArray();
        double? toTarget = reached.Length > 0 && reached.All(t => t.QueriesToTarget is not null) ? reached.Average(t => t.QueriesToTarget!.Value) : null;
        string winRates = string.Join(" / ", traces.Select(t => t.WinRates).Distinct());
        return new ComparisonRow(algorithm, runs.Count, finals[0].Iteration, lastMean, lastSd, avgMean, avgSd, queriesMean, runs.Average(r => r.Seconds), winRates, reached.Length, toTarget,
            MeanOfExtra(finals, "dg_reg"), MeanOfExtra(finals, "dist_mw_avg"));
    }

    /// <summary>Writes the summary files and charts into <paramref name="directory"/> (atomically) and returns the rows.</summary>
    /// <param name="directory">Existing output directory.</param>
    /// <param name="title">Chart and table title, e.g. the game.</param>
    /// <param name="runsByAlgorithm">Each algorithm's runs, in display order.</param>
    /// <param name="xAxis">What the charts' x axis counts.</param>
    /// <param name="responses">The game's largest response set, for mirror descent's bound on the <c>dg_avg</c> chart (drawn when <c>mirror-descent</c> is among the algorithms); null for none.</param>
    /// <param name="target">The <c>dg_avg</c> whose oracle queries the summary reports (queries-to-target).</param>
    public static IReadOnlyList<ComparisonRow> Write(string directory, string title, IReadOnlyList<KeyValuePair<string, IReadOnlyList<RunResult>>> runsByAlgorithm,
        ChartXAxis xAxis = ChartXAxis.Iterations, int? responses = null, double target = TargetGap)
    {
        ArgumentNullException.ThrowIfNull(runsByAlgorithm);
        var rows = runsByAlgorithm.Select(a => Summarize(a.Key, a.Value, target)).ToArray();
        AtomicFile.WriteAllText(Path.Combine(directory, CsvFile), Csv(rows, target));
        AtomicFile.WriteAllText(Path.Combine(directory, MarkdownFile), Markdown(title, rows, target));
        int? bound = runsByAlgorithm.Any(a => a.Key == "mirror-descent") ? responses : null;
        AtomicFile.WriteAllText(Path.Combine(directory, ChartFile), ComparisonChart.Render(title, runsByAlgorithm, ChartMetric.DualityGapAverage, xAxis, bound));
        AtomicFile.WriteAllText(Path.Combine(directory, LastChartFile), ComparisonChart.Render(title, runsByAlgorithm, ChartMetric.DualityGapLast, xAxis));
        return rows;
    }

    /// <summary>The mean of an extra metric over the runs' final iterations, or null unless every run reports it.</summary>
    private static double? MeanOfExtra(IterationMetrics[] finals, string key)
    {
        var values = finals.Select(f => f.Extra.Where(e => e.Key == key).Select(e => (double?)e.Value).FirstOrDefault()).ToArray();
        return values.All(v => v is not null) ? values.Average(v => v!.Value) : null;
    }

    private static string Csv(IEnumerable<ComparisonRow> rows, double target)
    {
        // New columns go last, so that readers of the earlier layout keep their column indices.
        var sb = new StringBuilder(Inv($"algorithm,seeds,iterations,dg_last_mean,dg_last_sd,dg_avg_mean,dg_avg_sd,oracle_queries_mean,seconds_mean,win_rates,reached_dg_avg_{target:R},queries_to_dg_avg_{target:R}_mean,dg_reg_mean,dist_mw_avg_mean\n"));
        foreach (var r in rows)
            sb.Append(Inv($"{r.Algorithm},{r.Seeds},{r.Iterations},{r.DualityGapLastMean:R},{r.DualityGapLastSd:R},{r.DualityGapAverageMean:R},{r.DualityGapAverageSd:R},{Optional(r.OracleQueriesMean)},{r.SecondsMean:R},{r.WinRates},{r.ReachedTarget},{Optional(r.QueriesToTargetMean)},{Optional(r.DualityGapRegularisedMean)},{Optional(r.DistanceToMinimaxWinnerMean)}\n"));
        return sb.ToString();
    }

    private static string Markdown(string title, IEnumerable<ComparisonRow> rows, double target)
    {
        var sb = new StringBuilder(Inv($"# Comparison on {title}\n\nFinal values, mean ± sd over seeds.\n\n"));
        sb.Append(Inv($"| algorithm | win rates | seeds | iterations | dg_last | dg_avg | dg_reg | dist_mw_avg | oracle queries | queries to dg_avg ≤ {target:R} | seconds |\n"));
        sb.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in rows)
            sb.Append(Inv($"| {r.Algorithm} | {r.WinRates} | {r.Seeds} | {r.Iterations} | {r.DualityGapLastMean:G4} ± {r.DualityGapLastSd:G2} | {r.DualityGapAverageMean:G4} ± {r.DualityGapAverageSd:G2} | {Cell(r.DualityGapRegularisedMean, "G4")} | {Cell(r.DistanceToMinimaxWinnerMean, "G4")} | {Cell(r.OracleQueriesMean, "G6")} | {ToTarget(r)} | {r.SecondsMean:F2} |\n"));
        return sb.ToString();
    }

    private static string Cell(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Optional(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>The mean queries to the target, with how many seeds reached it when not all did.</summary>
    private static string ToTarget(ComparisonRow r) => (r.ReachedTarget, r.QueriesToTargetMean) switch
    {
        (0, _) => "not reached",
        (_, null) => Inv($"exact ({r.ReachedTarget}/{r.Seeds} reached)"),
        var (n, q) when n == r.Seeds => q!.Value.ToString("F0", CultureInfo.InvariantCulture),
        var (n, q) => Inv($"{q!.Value:F0} ({n}/{r.Seeds} reached)"),
    };

    private static (double Mean, double Sd) MeanSd(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average();
        double sd = v.Length < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        return (mean, sd);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
