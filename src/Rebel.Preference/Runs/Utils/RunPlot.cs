using System.Globalization;
using Rebel.Preference.Runs.Charts;

namespace Rebel.Preference.Runs.Utils;

/// <summary>The run directory's plot: <c>dg_last</c> and <c>dg_avg</c> against the iteration, log–log, with mirror descent's bound for a mirror-descent run.</summary>
internal static class RunPlot
{
    public static string Render(SelfPlayRun run, IReadOnlyList<double> iterations, IReadOnlyList<double> dgLast, IReadOnlyList<double> dgAverage)
    {
        string title = string.Create(CultureInfo.InvariantCulture, $"{run.Config.Algorithm} on {run.Game.Name} (seed {run.Config.Seed})");
        var series = new List<ChartSeries> { new("dg_last (last iterate)", iterations, dgLast), new("dg_avg (average iterate)", iterations, dgAverage) };
        int responses = run.Game.MaxResponses;
        if (run.Config.Algorithm == "mirror-descent" && responses >= 2)
            series.Add(ComparisonChart.MirrorDescentBound(responses, iterations));
        return SvgLineChart.Render(title, "iteration", "duality gap", series, logX: true);
    }
}
