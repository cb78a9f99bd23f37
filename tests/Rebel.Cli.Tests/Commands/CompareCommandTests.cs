using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Rebel.Cli.Tests.Utils;
using Rebel.Preference;

namespace Rebel.Cli.Tests.Commands;

public sealed class CompareCommandTests
{
    [Fact]
    public void Compare_with_a_query_budget_runs_each_algorithm_until_it_has_asked_that_many_and_reports_the_target_given()
    {
        // rebel asks 6 pairs per iteration (K = 4), extragradient 22 (its half step's 6 and its full step's 16), on one
        // context: 600 queries are 100 and 28 iterations (616 queries, the first count past the budget); mirror descent
        // asks none and runs --iterations.
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "compare", "--algos", "rebel,extragradient,mirror-descent", "--seeds", "1", "--queries", "600", "--iterations", "30", "--target", "0.05", "--out", "cmp");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("mirror-descent asks the oracle nothing; it runs --iterations 30", r.Stderr, StringComparison.Ordinal);
        foreach (var (algorithm, iterations, queries) in new[] { ("rebel", 100, 600), ("extragradient", 28, 616), ("mirror-descent", 30, 0) })
        {
            var last = JsonDocument.Parse(File.ReadLines(dir[Path.Combine("cmp", $"{algorithm}-s0", "metrics.jsonl")]).Last()).RootElement;
            Assert.Equal(iterations, last.GetProperty("iteration").GetInt32());
            if (queries > 0)
                Assert.Equal(queries, last.GetProperty("oracle_queries").GetInt64());
        }
        var csv = File.ReadAllLines(dir[Path.Combine("cmp", "summary.csv")]);
        Assert.Contains("reached_dg_avg_0.05,queries_to_dg_avg_0.05_mean", csv[0], StringComparison.Ordinal);
        Assert.Contains("queries to dg_avg ≤ 0.05", File.ReadAllText(dir[Path.Combine("cmp", "summary.md")]), StringComparison.Ordinal);
        Assert.Equal(2, RebelProcess.Run(dir.Path, "compare", "--algos", "rebel", "--queries", "0", "--out", "bad").ExitCode);
        Assert.Equal(2, RebelProcess.Run(dir.Path, "compare", "--algos", "rebel", "--target", "-1", "--out", "bad").ExitCode);
    }

    [Fact]
    public void Compare_writes_one_summary_row_per_algorithm_from_its_runs()
    {
        using var dir = new TempDirectory();
        string file = TestGames.Write(dir, "wrps.json", TestGames.WeightedRps());
        // Every algorithm of the catalogue that needs nothing beyond the defaults; at least mirror-descent.
        var algorithms = AlgorithmCatalog.All.Select(a => a.Name).Take(3).ToArray();
        var r = RebelProcess.Run(dir.Path, "compare", "--pref-model", file, "--algos", string.Join(',', algorithms), "--seeds", "2", "--iterations", "120", "--out", "cmp");
        Assert.Equal(0, r.ExitCode);

        var csv = File.ReadAllLines(dir[Path.Combine("cmp", "summary.csv")]);
        Assert.StartsWith("algorithm,seeds,iterations,dg_last_mean,dg_last_sd,dg_avg_mean,dg_avg_sd", csv[0], StringComparison.Ordinal);
        Assert.Equal(algorithms.Length, csv.Length - 1);
        var md = File.ReadAllText(dir[Path.Combine("cmp", "summary.md")]);
        foreach (var (algorithm, row) in algorithms.Zip(csv.Skip(1)))
        {
            var cells = row.Split(',');
            Assert.Equal(algorithm, cells[0]);
            Assert.Equal("2", cells[1]);
            var finals = Enumerable.Range(0, 2).Select(s => FinalDgAvg(dir[Path.Combine("cmp", $"{algorithm}-s{s}", "metrics.jsonl")])).ToArray();
            Assert.Equal(finals.Average(), double.Parse(cells[5], CultureInfo.InvariantCulture), 1e-15);
            double sd = Math.Abs(finals[0] - finals[1]) / Math.Sqrt(2);
            Assert.Equal(sd, double.Parse(cells[6], CultureInfo.InvariantCulture), 1e-15);
            Assert.Contains($"| {algorithm} |", md, StringComparison.Ordinal);
        }
        // A curve per algorithm, and on the dg_avg chart mirror descent's bound when it is compared.
        var svg = XDocument.Load(dir[Path.Combine("cmp", "comparison.svg")]);
        Assert.Equal(algorithms.Length + (algorithms.Contains("mirror-descent") ? 1 : 0), svg.Descendants(XName.Get("polyline", "http://www.w3.org/2000/svg")).Count());
        var last = XDocument.Load(dir[Path.Combine("cmp", "comparison-last.svg")]);
        Assert.Equal(algorithms.Length, last.Descendants(XName.Get("polyline", "http://www.w3.org/2000/svg")).Count());
    }

    [Fact]
    public async Task Ctrl_c_checkpoints_the_current_run_summarises_the_finished_ones_and_exits_130()
    {
        using var dir = new TempDirectory();
        using var compare = RebelProcess.Start(dir.Path, "compare", "--pref-model", "random:n=100", "--algos", "mirror-descent", "--seeds", "2", "--iterations", "400000", "--out", "cmp");
        var stdout = compare.StandardOutput.ReadToEndAsync();
        var stderr = compare.StandardError.ReadToEndAsync();
        string second = dir[Path.Combine("cmp", "mirror-descent-s1", "checkpoint.json")];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(second))
        {
            Assert.False(compare.HasExited, "compare ended before the second run started");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the second run did not start in 60 s");
            await Task.Delay(10);
        }
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", compare.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await compare.WaitForExitAsync();
        string error = await stderr;
        _ = await stdout;

        Assert.Equal(130, compare.ExitCode);
        // Progress lines come first on stderr; the interruption is the last line.
        Assert.Matches(@"\nrebel: interrupted at iteration \d+ of cmp/mirror-descent-s1; partial summary of the 1 finished run\(s\) in cmp/summary.md; the interrupted run continues with: rebel selfplay --resume cmp/mirror-descent-s1, and the whole comparison by running the same command again\n$", "\n" + error);
        var csv = File.ReadAllLines(dir[Path.Combine("cmp", "summary.csv")]);
        Assert.Equal(2, csv.Length);
        Assert.StartsWith("mirror-descent,1,400000,", csv[1], StringComparison.Ordinal);
        using var checkpoint = JsonDocument.Parse(File.ReadAllText(second));
        Assert.InRange(checkpoint.RootElement.GetProperty("iteration").GetInt32(), 0, 399_999);
    }

    private static double FinalDgAvg(string metrics)
    {
        using var doc = JsonDocument.Parse(File.ReadLines(metrics).Last());
        return doc.RootElement.GetProperty("dg_avg").GetDouble();
    }
}
