using Rebel.Preference;
using Rebel.Preference.Runs;

namespace Rebel.Cli.Tests.Runs;

public sealed class ComparisonTests
{
    private static RunResult Run(double dgLast, double dgAvg, double? queries, double seconds)
    {
        IReadOnlyList<KeyValuePair<string, double>> extra = queries is { } q ? [new("oracle_queries", q)] : [];
        return new RunResult("d", new IterationMetrics(10, dgLast, dgAvg, dgAvg / 2, 0, 1, extra), [10], [dgLast], [dgAvg], seconds);
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
}
