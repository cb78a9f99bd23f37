using System.Text.Json;
using Rebel.Cli.Tests.Utils;
using Rebel.Games.Zoo;
using Rebel.Preference;
using Rebel.Runs.Charts;

namespace Rebel.Runs.Tests;

public sealed class ComparisonChartTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static KeyValuePair<string, IReadOnlyList<RunResult>> Group(string name, params RunResult[] runs) => new(name, runs);

    private static RunResult Synthetic(double[] last, double[] average) =>
        new("unused", null, Enumerable.Range(1, last.Length).Select(t => (double)t).ToArray(), last, average, 0);

    [Fact]
    public void The_bound_is_sqrt_of_2_ln_n_over_t_and_is_a_reference()
    {
        var bound = ComparisonChart.MirrorDescentBound(5, [1, 10, 1000]);
        Assert.True(bound.IsReference);
        Assert.Equal([Math.Sqrt(2 * Math.Log(5)), Math.Sqrt(2 * Math.Log(5) / 10), Math.Sqrt(2 * Math.Log(5) / 1000)], bound.Y);
        Assert.Throws<ArgumentOutOfRangeException>(() => ComparisonChart.MirrorDescentBound(1, [1]));
    }

    [Fact]
    public void Each_group_is_its_mean_over_runs_banded_by_minimum_and_maximum()
    {
        var groups = new[]
        {
            Group("a", Synthetic([0.3, 0.2, 0.1], [0.1, 0.05, 0.02]), Synthetic([0.1, 0.4, 0.3], [0.3, 0.15, 0.01]), Synthetic([0.2, 0.3, 0.5], [0.2, 0.1, 0.03])),
            Group("single", Synthetic([0.5, 0.4], [0.4, 0.3])),
        };
        var avg = ComparisonChart.Series(groups, ChartMetric.DualityGapAverage, ChartXAxis.Iterations);
        Assert.Equal([0.2, 0.1, 0.02], avg[0].Y.Select(v => Math.Round(v, 12)));
        Assert.Equal([0.1, 0.05, 0.01], avg[0].Lower!);
        Assert.Equal([0.3, 0.15, 0.03], avg[0].Upper!);
        for (int t = 0; t < 3; t++)
            Assert.InRange(avg[0].Y[t], avg[0].Lower![t], avg[0].Upper![t]);
        Assert.Null(avg[1].Lower);
        var last = ComparisonChart.Series(groups, ChartMetric.DualityGapLast, ChartXAxis.Iterations);
        Assert.Equal([0.2, 0.3, 0.3], last[0].Y.Select(v => Math.Round(v, 12)));
        Assert.Equal([1.0, 2, 3], last[0].X);
    }

    [Fact]
    public void On_the_queries_axis_x_is_the_mean_cumulative_queries_and_exact_runs_are_left_out()
    {
        var game = GameZoo.Create("weighted-rps");
        var sampled = Enumerable.Range(0, 2).Select(s => SelfPlayRun.Create(_dir[$"rebel-s{s}"],
            new RunConfig { Game = "weighted-rps", Algorithm = "rebel", Iterations = 30, Seed = (ulong)s, Shared = new SelfPlayOptions { Feedback = FeedbackKind.Bernoulli } }, game).Run()).ToArray();
        var exact = SelfPlayRun.Create(_dir["md"], new RunConfig { Game = "weighted-rps", Iterations = 30 }, game).Run();
        var series = ComparisonChart.Series([Group("mirror-descent", exact), Group("rebel", sampled)], ChartMetric.DualityGapAverage, ChartXAxis.OracleQueries);
        var rebel = Assert.Single(series);
        Assert.Equal("rebel", rebel.Name);
        var queries = sampled.Select(r => File.ReadLines(Path.Combine(r.Directory, RunFiles.Metrics)).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            return doc.RootElement.GetProperty("oracle_queries").GetDouble();
        }).ToArray()).ToArray();
        Assert.Equal(Enumerable.Range(0, 30).Select(t => (queries[0][t] + queries[1][t]) / 2), rebel.X);

        string svg = ComparisonChart.Render("g", [Group("mirror-descent", exact), Group("rebel", sampled)], ChartMetric.DualityGapAverage, ChartXAxis.OracleQueries, boundResponses: 3);
        Assert.Contains("; not drawn, making no oracle queries: mirror-descent", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("√(2 ln n / T)", svg, StringComparison.Ordinal);
        Assert.Contains("√(2 ln n / T), n = 3", ComparisonChart.Render("g", [Group("mirror-descent", exact)], ChartMetric.DualityGapAverage, ChartXAxis.Iterations, boundResponses: 3), StringComparison.Ordinal);
    }
}
