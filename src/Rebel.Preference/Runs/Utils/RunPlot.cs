using System.Globalization;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference.Runs.Charts;

namespace Rebel.Preference.Runs.Utils;

/// <summary>
/// The run directory's figures: <c>plot.svg</c>, <c>dg_last</c> and <c>dg_avg</c> against the iteration, log–log, with
/// mirror descent's bound for a mirror-descent run; and for a game whose first context has three responses
/// <c>simplex.svg</c>, that context's trajectory with its minimax winner. Both are drawn from the checkpoint's bounded
/// sample, so they cost the same at any run length and a resumed run draws the same bytes.
/// </summary>
internal static class RunPlot
{
    /// <summary>Whether runs on <paramref name="game"/> keep a trajectory and draw <c>simplex.svg</c>.</summary>
    public static bool HasSimplex(TabularGame game) => game.Contexts[0].Count == 3;

    /// <summary>The trajectory point of the algorithm's current iteration: the first context's last, then average iterate.</summary>
    public static double[] SimplexPoint(ISelfPlayAlgorithm algorithm) => [.. algorithm.Current[0], .. algorithm.Average[0]];

    /// <summary>The figures as (file name, SVG); the latest iteration, when not a kept point, is taken from the algorithm's state.</summary>
    public static IEnumerable<(string File, string Svg)> Render(SelfPlayRun run, PlotSeries plot)
    {
        string title = string.Create(CultureInfo.InvariantCulture, $"{run.Config.Algorithm} on {run.Game.Name} (seed {run.Config.Seed})");
        var (iterations, dgLast, dgAverage) = plot.Points();
        var series = new List<ChartSeries> { new("dg_last (last iterate)", iterations, dgLast), new("dg_avg (average iterate)", iterations, dgAverage) };
        int responses = run.Game.MaxResponses;
        if (run.Config.Algorithm == "mirror-descent" && responses >= 2)
            series.Add(ComparisonChart.MirrorDescentBound(responses, iterations));
        yield return (RunFiles.Plot, SvgLineChart.Render(title, "iteration", "duality gap", series, logX: true));
        if (!plot.TracksSimplex)
            yield break;
        var points = plot.Simplex.ToList();
        // Points() appends the latest iteration when it is not a kept one; the trajectory does the same.
        if (iterations.Length > points.Count)
            points.Add(SimplexPoint(run.Algorithm));
        var context = run.Game.Contexts[0];
        string where = run.Game.Contexts.Count > 1 ? $", context {context.Name}" : "";
        yield return (RunFiles.Simplex, SimplexChart.Render($"{title}{where}: policy trajectory", context.Responses,
            points.Select(p => (IReadOnlyList<double>)p[..3]).ToArray(), points.Select(p => (IReadOnlyList<double>)p[3..]).ToArray(),
            MinimaxWinner.Solve(context).Policy.ToArray()));
    }
}
