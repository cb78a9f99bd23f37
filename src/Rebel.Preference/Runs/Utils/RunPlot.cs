using System.Globalization;

namespace Rebel.Preference.Runs.Utils;

/// <summary>The run directory's plot: <c>dg_last</c> and <c>dg_avg</c> against the iteration.</summary>
internal static class RunPlot
{
    public static string Render(SelfPlayRun run, IReadOnlyList<double> dgLast, IReadOnlyList<double> dgAverage)
    {
        var x = Enumerable.Range(1, dgLast.Count).Select(i => (double)i).ToArray();
        string title = string.Create(CultureInfo.InvariantCulture, $"{run.Config.Algorithm} on {run.Game.Name} (seed {run.Config.Seed})");
        return SvgLineChart.Render(title, "iteration", "duality gap (log scale)",
            [new ChartSeries("dg_last (last iterate)", x, dgLast), new ChartSeries("dg_avg (average iterate)", x, dgAverage)]);
    }
}
