using Rebel.Games.Zoo;
using Rebel.Preference;
using Rebel.Cli.Tests.Utils;

namespace Rebel.Runs.Tests;

public sealed class ComparisonTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A run result with the given final values over a real one-iteration run directory of the exact reference.</summary>
    private RunResult Run(double dgLast, double dgAvg, double? queries, double seconds)
    {
        string directory = _dir[Guid.NewGuid().ToString("N")];
        SelfPlayRun.Create(directory, new RunConfig { Game = "rps", Iterations = 1 }, GameZoo.Create("rps")).Run();
        IReadOnlyList<KeyValuePair<string, double>> extra = queries is { } q ? [new("oracle_queries", q)] : [];
        return new RunResult(directory, new IterationMetrics(10, dgLast, dgAvg, dgAvg / 2, 0, 1, extra), [10], [dgLast], [dgAvg], seconds);
    }

    [Fact]
    public void Summary_is_mean_and_sample_sd_over_seeds()
    {
        var row = Comparison.Summarize("a", [Run(0.1, 0.02, 100, 1), Run(0.3, 0.04, 300, 3)]);
        Assert.Equal(0.2, row.DualityGapLastMean, 1e-15);
        Assert.Equal(Math.Sqrt(0.02), row.DualityGapLastSd, 1e-15);
        Assert.Equal(0.03, row.DualityGapAverageMean, 1e-15);
        Assert.Equal(Math.Sqrt(0.0002), row.DualityGapAverageSd, 1e-15);
        Assert.Equal(200.0, row.OracleQueriesMean);
        Assert.Equal(2.0, row.SecondsMean);
        Assert.Equal(2, row.Seeds);
        Assert.Equal(10, row.Iterations);
    }

    [Fact]
    public void Oracle_queries_are_absent_unless_every_run_reports_them_and_one_seed_has_zero_sd()
    {
        var row = Comparison.Summarize("a", [Run(0.1, 0.02, null, 1)]);
        Assert.Null(row.OracleQueriesMean);
        Assert.Equal(0.0, row.DualityGapLastSd);
    }

    [Fact]
    public void Queries_to_the_target_gap_are_read_from_each_runs_metrics()
    {
        // REBEL on condorcet (6 queries per iteration with K = 4) reaches dg_avg ≤ 0.01 within 3000 iterations for
        // these seeds; the row's figure must be the mean of the first such iteration's cumulative queries.
        var game = GameZoo.Create("condorcet");
        var runs = new[] { 1ul, 2ul }.Select(seed => SelfPlayRun.Create(_dir[$"rebel-{seed}"],
            new RunConfig { Game = "condorcet", Algorithm = "rebel", Iterations = 3000, Seed = seed, Shared = new SelfPlayOptions { Feedback = FeedbackKind.Bernoulli } }, game).Run()).ToArray();
        var expected = runs.Select(r => 6.0 * FirstIterationAtOrBelow(Path.Combine(r.Directory, RunFiles.Metrics), Comparison.TargetGap)).Average();
        var row = Comparison.Summarize("rebel", runs);
        Assert.Equal(2, row.ReachedTarget);
        Assert.Equal(expected, row.QueriesToTargetMean);
        Assert.Equal("K=4 bernoulli", row.WinRates);

        var exact = Comparison.Summarize("mirror-descent", [SelfPlayRun.Create(_dir["md"], new RunConfig { Game = "condorcet", Iterations = 50 }, game).Run()]);
        Assert.Equal("exact (reference)", exact.WinRates);
        Assert.Equal(0, exact.ReachedTarget);
        Assert.Null(exact.QueriesToTargetMean);
    }

    [Fact]
    public void The_regularised_gap_and_the_distance_to_the_minimax_winner_are_averaged_when_every_run_reports_them()
    {
        var game = GameZoo.Create("condorcet");
        var runs = new[] { 0ul, 1ul }.Select(seed => SelfPlayRun.Create(_dir[$"tau-{seed}"],
            new RunConfig { Game = "condorcet", Algorithm = "rebel", Iterations = 30, Seed = seed, Shared = new SelfPlayOptions { Tau = 0.1 } }, game).Run()).ToArray();
        var row = Comparison.Summarize("rebel", runs);
        double Mean(string key) => runs.Average(r => r.Final!.Extra.Single(e => e.Key == key).Value);
        Assert.Equal(Mean("dg_reg"), row.DualityGapRegularisedMean);
        Assert.Equal(Mean("dist_mw_avg"), row.DistanceToMinimaxWinnerMean);
        // Without --tau there is no regularised gap to average.
        Assert.Null(Comparison.Summarize("a", [Run(0.1, 0.02, 100, 1)]).DualityGapRegularisedMean);
    }

    private static int FirstIterationAtOrBelow(string metrics, double gap) =>
        File.ReadLines(metrics).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("dg_avg").GetDouble() <= gap).GetProperty("iteration").GetInt32();
}