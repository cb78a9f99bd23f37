using System.Globalization;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference;

namespace Rebel.Runs.Charts;

/// <summary>
/// The run directory's figures: <c>plot.svg</c>, <c>dg_last</c> and <c>dg_avg</c> against the iteration, log–log, with
/// mirror descent's bound for a mirror-descent run; and for a game of one context with three responses
/// <c>simplex.svg</c>, the policy's trajectory with the minimax winner. Both are drawn from the checkpoint's bounded
/// sample, so they cost the same at any run length and a resumed run draws the same bytes.
/// </summary>
internal static class RunPlot
{
    /// <summary>
    /// Whether runs on <paramref name="game"/> keep a trajectory and draw <c>simplex.svg</c>: one context (reading a
    /// policy copies every context, too costly per iteration on a large contextual game) of three responses, with a
    /// stored matrix (the chart marks its minimax winner; a judge's unasked placeholder has none).
    /// </summary>
    public static bool HasSimplex(TabularGame game) => game.Contexts.Count == 1 && game.Contexts[0].Count == 3 && game.Contexts[0].Kernel is null;

    /// <summary>The trajectory point of the algorithm's current iteration: the last, then the average iterate.</summary>
    public static double[] SimplexPoint(ISelfPlayAlgorithm algorithm) => [.. algorithm.Current[0], .. algorithm.Average[0]];

    /// <summary>The figures as (file name, SVG); the latest iteration, when not a kept point, is taken from the algorithm's state.</summary>
    public static IEnumerable<(string File, string Svg)> Render(SelfPlayRun run, PlotSeries plot)
    {
        string title = string.Create(CultureInfo.InvariantCulture, $"{run.Config.Algorithm} on {run.Game.Name} (seed {run.Config.Seed})");
        var (iterations, dgLast, dgAverage) = plot.Points();
        // A judge's gaps are plug-in estimates (biased upwards, docs/judge-protocol.md), and the figure says so.
        string est = plot.Estimated ? "_est" : "";
        var (lastCi, averageCi) = plot.Bands();
        // An estimate is drawn with its 95% interval as a band (NaN half-widths, exact gaps, draw none). The y axis is
        // logarithmic and has no 0: a lower end at or below it is drawn a decade under the series' smallest estimate.
        static ChartSeries WithBand(string name, double[] x, double[] y, double[] half)
        {
            double floor = y.Where(v => v > 0).DefaultIfEmpty(1).Min() / 10;
            return new(name, x, y)
            {
                Lower = y.Select((v, i) => Math.Max(floor, v - half[i])).ToArray(),
                Upper = y.Select((v, i) => v + half[i]).ToArray(),
            };
        }
        var series = new List<ChartSeries>
        {
            WithBand($"dg_last{est} (last iterate{(plot.Estimated ? ", 95% band" : "")})", iterations, dgLast, lastCi),
            WithBand($"dg_avg{est} (average iterate{(plot.Estimated ? ", 95% band" : "")})", iterations, dgAverage, averageCi),
        };
        int responses = run.Game.MaxResponses;
        if (run.Config.Algorithm == "mirror-descent" && responses >= 2)
            series.Add(ComparisonChart.MirrorDescentBound(responses, iterations));
        yield return (RunFiles.Plot, SvgLineChart.Render(plot.Estimated ? $"{title}: estimated duality gaps" : title, "iteration",
            plot.Estimated ? "duality gap, plug-in estimate from the judge's answers" : "duality gap", series, logX: true));
        if (!plot.TracksSimplex)
            yield break;
        var points = plot.Simplex.ToList();
        // Points() appends the latest iteration when it is not a kept one; the trajectory does the same.
        if (iterations.Length > points.Count)
            points.Add(SimplexPoint(run.Algorithm));
        var context = run.Game.Contexts[0];
        yield return (RunFiles.Simplex, SimplexChart.Render($"{title}: policy trajectory", context.Responses,
            points.Select(p => (IReadOnlyList<double>)p[..3]).ToArray(), points.Select(p => (IReadOnlyList<double>)p[3..]).ToArray(),
            MinimaxWinner.Solve(context).Policy.ToArray()));
    }
}
