using System.Text;
using System.Text.Json;
using Rebel.Preference;
using Rebel.Runs.Charts;

namespace Rebel.Runs.Tests;

public sealed class PlotSeriesTests
{
    private static IterationMetrics Estimated(int t) => new(t, double.NaN, double.NaN, double.NaN, 0, 1,
        [new("dg_last_est", 1.0 / t), new("dg_last_est_ci", 2.0 / t), new("dg_avg_est", 3.0 / t), new("dg_avg_est_ci", 1 / Math.Sqrt(t))]);

    private static string Save(PlotSeries series)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
            series.Write(w);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void AnEstimatingRunsIntervalsAreKeptThroughHalvingAndACheckpoint()
    {
        var series = new PlotSeries(tracksSimplex: false);
        const int horizon = 5001; // past the capacity (the stride doubles twice), and not a kept point
        for (int t = 1; t <= horizon; t++)
            series.Add(Estimated(t), () => []);
        var (x, last, _) = series.Points();
        var (lastCi, averageCi) = series.Bands();
        Assert.Equal(x.Length, lastCi.Length);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(2 * last[i], lastCi[i], 12);
            Assert.Equal(1 / Math.Sqrt(x[i]), averageCi[i], 12);
        }
        using var state = JsonDocument.Parse(Save(series));
        var restored = PlotSeries.Read(state.RootElement, horizon, Estimated(horizon));
        Assert.Equal(series.Bands().Last, restored.Bands().Last);
        Assert.Equal(series.Bands().Average, restored.Bands().Average);
        Assert.Equal(Save(series), Save(restored));
    }

    [Fact]
    public void ExactGapsHaveNoBandsAndTheirCheckpointIsUnchanged()
    {
        var series = new PlotSeries(tracksSimplex: false);
        for (int t = 1; t <= 10; t++)
            series.Add(new IterationMetrics(t, 1.0 / t, 2.0 / t, 0, 0, 1, [new("dg_last_est_ci", 5.0)]), () => []);
        Assert.All(series.Bands().Last, v => Assert.True(double.IsNaN(v)));
        Assert.DoesNotContain("_ci", Save(series), StringComparison.Ordinal);
    }
}
