using System.Globalization;

namespace Rebel.Preference.Runs.Utils;

/// <summary>The run directory's plot: <c>dg_last</c> and <c>dg_avg</c> against the iteration.</summary>
internal static class RunPlot
{
    public static string Render(SelfPlayRun run, IReadOnlyList<double> iterations, IReadOnlyList<double> dgLast, IReadOnlyList<double> dgAverage)
    {
        string title = string.Create(CultureInfo.InvariantCulture, $"{run.Config.Algorithm} on {run.Game.Name} (seed {run.Config.Seed})");
        return SvgLineChart.Render(title, "iteration", "duality gap (log scale)",
            [new ChartSeries("dg_last (last iterate)", iterations, dgLast), new ChartSeries("dg_avg (average iterate)", iterations, dgAverage)]);
    }
}
