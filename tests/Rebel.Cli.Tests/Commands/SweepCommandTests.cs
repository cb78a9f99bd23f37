using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Commands;

public sealed class SweepCommandTests
{
    private static readonly string[] Grid2x2 = ["--algos", "rebel", "--grid", "eta=0.1,0.2", "--grid", "samples=2,4", "--seeds", "2", "-T", "60"];

    [Fact]
    public void A_2x2x2_sweep_writes_8_runs_and_4_aggregated_rows_whose_means_are_those_of_the_seeds()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, ["sweep", .. Grid2x2, "--out", "sw"]);
        Assert.Equal(0, r.ExitCode);

        var runs = Directory.GetDirectories(dir["sw"]).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        string[] expected = [.. from eta in new[] { "0.1", "0.2" } from k in new[] { "2", "4" } from s in new[] { 0, 1 } select $"weighted-rps-rebel-eta={eta}-samples={k}-s{s}"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), runs);
        var csv = File.ReadAllLines(dir[Path.Combine("sw", "results.csv")]);
        Assert.Equal("game,algorithm,eta,samples,seed,seeds,iterations,dg_last,dg_last_sd,dg_avg,dg_avg_sd,oracle_queries,dist_mw_avg,dist_mw_avg_sd,seconds", csv[0]);
        var rows = csv.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(8, rows.Length);
        Assert.DoesNotContain(rows, c => c[4] == "all");
        // The grid points' summaries are apart, in summary.csv, with the same columns.
        var summary = File.ReadAllLines(dir[Path.Combine("sw", "summary.csv")]);
        Assert.Equal(csv[0], summary[0]);
        var aggregated = summary.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(4, aggregated.Length);
        Assert.All(aggregated, c => Assert.Equal("all", c[4]));
        foreach (var a in aggregated)
        {
            var seeds = rows.Where(c => c[4] != "all" && c[2] == a[2] && c[3] == a[3]).ToArray();
            Assert.Equal(2, seeds.Length);
            Assert.Equal("2", a[5]);
            foreach (int column in new[] { 7, 9, 11, 12, 14 })
            {
                var values = seeds.Select(c => Number(c[column])).ToArray();
                Assert.Equal(values.Average(), Number(a[column]), 1e-15);
            }
            var dgAvg = seeds.Select(c => Number(c[9])).ToArray();
            Assert.Equal(Math.Abs(dgAvg[0] - dgAvg[1]) / Math.Sqrt(2), Number(a[10]), 1e-15);
            foreach (var s in seeds)
            {
                string run = dir[Path.Combine("sw", $"weighted-rps-rebel-eta={s[2]}-samples={s[3]}-s{s[4]}")];
                using var last = JsonDocument.Parse(File.ReadLines(Path.Combine(run, "metrics.jsonl")).Last());
                Assert.Equal(60, last.RootElement.GetProperty("iteration").GetInt32());
                Assert.Equal(last.RootElement.GetProperty("dg_avg").GetDouble(), Number(s[9]));
                Assert.Equal(last.RootElement.GetProperty("oracle_queries").GetDouble(), Number(s[11]));
                using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json")));
                var options = config.RootElement.GetProperty("options");
                Assert.Equal(Number(s[2]), options.GetProperty("eta").GetDouble());
                Assert.Equal(s[3], options.GetProperty("samples").ToString());
                Assert.Equal(ulong.Parse(s[4], CultureInfo.InvariantCulture), config.RootElement.GetProperty("seed").GetUInt64());
            }
        }
        foreach (string option in new[] { "eta", "samples" })
        {
            var svg = XDocument.Load(dir[Path.Combine("sw", $"sweep-{option}.svg")]);
            // One curve per value of the other swept option, each with its min–max band over the seeds.
            Assert.Equal(2, svg.Descendants(XName.Get("polyline", "http://www.w3.org/2000/svg")).Count());
            Assert.Equal(2, svg.Descendants(XName.Get("polygon", "http://www.w3.org/2000/svg")).Count());
        }
    }

    [Fact]
    public void Jobs_2_gives_the_same_results_and_metrics_as_jobs_1_bit_for_bit_except_seconds()
    {
        using var dir = new TempDirectory();
        string[] sweep = ["sweep", "--algos", "rebel,omwu", "--grid", "eta=0.05,0.2", "--grid", "feedback=exact,bernoulli", "--seeds", "2", "-T", "300"];
        Assert.Equal(0, RebelProcess.Run(dir.Path, [.. sweep, "--jobs", "1", "--out", "one"]).ExitCode);
        Assert.Equal(0, RebelProcess.Run(dir.Path, [.. sweep, "--jobs", "2", "--out", "two"]).ExitCode);

        Assert.Equal(WithoutSeconds(dir[Path.Combine("one", "results.csv")]), WithoutSeconds(dir[Path.Combine("two", "results.csv")]));
        Assert.Equal(File.ReadAllText(dir[Path.Combine("one", "sweep-eta.svg")]), File.ReadAllText(dir[Path.Combine("two", "sweep-eta.svg")]));
        var runs = Directory.GetDirectories(dir["one"]).Select(Path.GetFileName).ToArray();
        Assert.Equal(16, runs.Length);
        foreach (string? run in runs)
            Assert.Equal(MetricsWithoutSeconds(dir[Path.Combine("one", run!)]), MetricsWithoutSeconds(dir[Path.Combine("two", run!)]));
    }

    [Fact]
    public async Task A_killed_sweep_run_again_resumes_and_gives_the_results_of_an_uninterrupted_one()
    {
        using var dir = new TempDirectory();
        string[] sweep = ["sweep", "--pref-model", "random:n=30", "--algos", "rebel", "--grid", "eta=0.1,0.2", "--seeds", "2", "-T", "150000", "--checkpoint-seconds", "0.05"];
        Assert.Equal(0, RebelProcess.Run(dir.Path, [.. sweep, "--out", "whole"]).ExitCode);

        string? cut = null;
        long checkpointed = 0;
        using (var killed = RebelProcess.Start(dir.Path, [.. sweep, "--jobs", "2", "--out", "cut"]))
        {
            _ = killed.StandardOutput.ReadToEndAsync();
            _ = killed.StandardError.ReadToEndAsync();
            // Killed once a run has finished and an unfinished one has checkpointed past iteration 0.
            await WaitFor(killed, () =>
            {
                if (!Directory.Exists(dir["cut"]) || !Directory.GetDirectories(dir["cut"]).Any(d => File.Exists(Path.Combine(d, "policy.json"))))
                    return false;
                foreach (string d in Directory.GetDirectories(dir["cut"]).Where(d => !File.Exists(Path.Combine(d, "policy.json"))))
                {
                    try
                    {
                        using var checkpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(d, "checkpoint.json")));
                        if (checkpoint.RootElement.GetProperty("iteration").GetInt32() > 0)
                        {
                            (cut, checkpointed) = (d, checkpoint.RootElement.GetProperty("metrics_bytes").GetInt64());
                            return true;
                        }
                    }
                    catch (IOException)
                    {
                        // Not written yet.
                    }
                }
                return false;
            });
            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();
        }
        Assert.False(File.Exists(dir[Path.Combine("cut", "results.csv")]));
        var kept = File.ReadAllBytes(Path.Combine(cut!, "metrics.jsonl"))[..(int)checkpointed];

        var again = RebelProcess.Run(dir.Path, [.. sweep, "--jobs", "2", "--out", "cut"]);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(WithoutSeconds(dir[Path.Combine("whole", "results.csv")]), WithoutSeconds(dir[Path.Combine("cut", "results.csv")]));
        foreach (string run in Directory.GetDirectories(dir["whole"]).Select(d => Path.GetFileName(d)))
            Assert.Equal(MetricsWithoutSeconds(dir[Path.Combine("whole", run)]), MetricsWithoutSeconds(dir[Path.Combine("cut", run)]));
        // Resumed, not restarted: the lines up to the checkpoint keep their bytes, wall-clock seconds included.
        Assert.Equal(kept, File.ReadAllBytes(Path.Combine(cut!, "metrics.jsonl"))[..(int)checkpointed]);

        // A finished sweep run again reads its runs back and changes no byte of them, seconds included.
        var before = Hashes(dir["cut"]);
        var third = RebelProcess.Run(dir.Path, [.. sweep, "--out", "cut"]);
        Assert.Equal(0, third.ExitCode);
        Assert.Equal(before, Hashes(dir["cut"]));
    }

    [Fact]
    public async Task Ctrl_c_checkpoints_the_running_runs_writes_the_results_of_the_finished_ones_and_exits_130()
    {
        using var dir = new TempDirectory();
        // A quick run on rps, then a long one on a larger game that Ctrl+C stops.
        string[] sweep = ["sweep", "--pref-model", "rps", "--pref-model", "random:n=300", "--algos", "mirror-descent", "--grid", "eta=0.1", "--seeds", "1", "-T", "200000", "--out", "sw"];
        using var process = RebelProcess.Start(dir.Path, sweep);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        string second = dir[Path.Combine("sw", "random_n=300-mirror-descent-eta=0.1-s0", "checkpoint.json")];
        await WaitFor(process, () => File.Exists(second));
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await process.WaitForExitAsync();
        string error = await stderr;
        _ = await stdout;

        Assert.Equal(130, process.ExitCode);
        Assert.Matches(@"^(sweep [^\n]*\n)*\[1/2\] rps-mirror-descent-eta=0.1-s0: [^\n]*\n(sweep [^\n]*\n)*rebel: interrupted with 1 of 2 runs finished \(their results are in sw/results.csv\); the others are checkpointed; continue with: rebel sweep --file sw/sweep.json --out sw\n$", error);
        var csv = File.ReadAllLines(dir[Path.Combine("sw", "results.csv")]);
        Assert.Equal(2, csv.Length);
        Assert.StartsWith("rps,mirror-descent,0.1,0,1,200000,", csv[1], StringComparison.Ordinal);
        Assert.StartsWith("rps,mirror-descent,0.1,all,1,200000,", File.ReadAllLines(dir[Path.Combine("sw", "summary.csv")])[1], StringComparison.Ordinal);
        using var checkpoint = JsonDocument.Parse(File.ReadAllText(second));
        Assert.InRange(checkpoint.RootElement.GetProperty("iteration").GetInt32(), 0, 199_999);
    }

    [Fact]
    public void A_sweep_file_runs_the_same_sweep_as_its_flags()
    {
        using var dir = new TempDirectory();
        string game = TestGames.Write(dir, "wrps.json", TestGames.WeightedRps());
        Directory.CreateDirectory(dir["specs"]);
        File.WriteAllText(dir[Path.Combine("specs", "sweep.json")], """
            {"format": "rebel-sweep/1", "games": ["../wrps.json", "rps"], "algorithms": ["rebel", "nash-md"],
             "grid": {"eta": [0.1, 0.3], "samples": ["all"], "nash-md:tau": [0.05]}, "seeds": 2, "iterations": 40}
            """);
        var fromFile = RebelProcess.Run(dir.Path, "sweep", "--file", Path.Combine("specs", "sweep.json"), "--out", "file");
        var fromFlags = RebelProcess.Run(dir.Path, "sweep", "--pref-model", game, "--game", "rps", "--algos", "rebel,nash-md", "--grid", "eta=0.1,0.3", "--grid", "samples=all", "--grid", "nash-md:tau=0.05", "--seeds", "2", "-T", "40", "--out", "flags");
        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal(0, fromFlags.ExitCode);

        var csv = WithoutSeconds(dir[Path.Combine("file", "results.csv")]);
        Assert.Equal(csv, WithoutSeconds(dir[Path.Combine("flags", "results.csv")]));
        Assert.Equal(1 + 2 * 2 * 2 * 2, csv.Length);
        Assert.Equal(1 + 2 * 2 * 2, File.ReadAllLines(dir[Path.Combine("file", "summary.csv")]).Length);
        Assert.Equal(Path.GetFullPath(game), csv[1].Split(',')[0]);
        Assert.True(Directory.Exists(dir[Path.Combine("file", "rps-nash-md-eta=0.3-samples=all-tau=0.05-s1")]));
        Assert.True(File.Exists(dir[Path.Combine("file", "sweep-eta.svg")]));
        // A one-value option is a column but not a chart.
        Assert.False(File.Exists(dir[Path.Combine("file", "sweep-samples.svg")]));

        // The sweep.json a sweep writes is the same sweep: run from it, it finds every run finished and changes nothing.
        var before = Hashes(dir["flags"]);
        Assert.Equal(0, RebelProcess.Run(dir.Path, "sweep", "--file", Path.Combine("flags", "sweep.json"), "--out", "flags").ExitCode);
        Assert.Equal(before, Hashes(dir["flags"]));
        Assert.Equal(File.ReadAllText(dir[Path.Combine("file", "sweep.json")]), File.ReadAllText(dir[Path.Combine("flags", "sweep.json")]));
    }

    [Fact]
    public void An_option_swept_for_one_algorithm_only_is_an_empty_cell_for_the_others()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "sweep", "--algos", "mirror-descent,rebel", "--grid", "eta=0.1,0.2", "--grid", "rebel:samples=2,4", "--seeds", "1", "-T", "30", "--out", "sw");
        Assert.Equal(0, r.ExitCode);

        var csv = File.ReadAllLines(dir[Path.Combine("sw", "results.csv")]);
        Assert.StartsWith("game,algorithm,eta,samples,seed,", csv[0], StringComparison.Ordinal);
        var rows = csv.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(2 + 4, rows.Length);
        Assert.All(rows.Where(c => c[1] == "mirror-descent"), c => Assert.Equal("", c[3]));
        Assert.Equal(["2", "4"], rows.Where(c => c[1] == "rebel").Select(c => c[3]).Distinct().Order(StringComparer.Ordinal));
        Assert.True(Directory.Exists(dir[Path.Combine("sw", "weighted-rps-mirror-descent-eta=0.2-s0")]));
        Assert.True(Directory.Exists(dir[Path.Combine("sw", "weighted-rps-rebel-eta=0.2-samples=4-s0")]));
        var samples = XDocument.Load(dir[Path.Combine("sw", "sweep-samples.svg")]);
        // rebel at each η; the reference has no K.
        Assert.Equal(2, samples.Descendants(XName.Get("polyline", "http://www.w3.org/2000/svg")).Count());
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["--algos", "rebel", "--grid", "nope=1,2"], "unknown option 'nope'" },
        { ["--algos", "rebel", "--grid", "eta="], "--grid eta: no values" },
        { ["--algos", "rebel", "--grid", "eta=0.1,,0.2"], "empty value" },
        { ["--algos", "rebel", "--grid", "eta"], "--grid 'eta'" },
        { ["--algos", "rebel", "--grid", "eta=0.1,fast"], "'fast'" },
        { ["--algos", "rebel", "--grid", "eta=0.1,0.10"], "0.1 twice" },
        { ["--algos", "rebel", "--grid", "eta=-1"], "--eta" },
        { ["--algos", "mirror-descent,mmd", "--grid", "alpha=0.1,0.2"], "mirror-descent has no option 'alpha'" },
        { ["--algos", "mirror-descent", "--grid", "samples=2,4"], "--samples" },
        { ["--algos", "rebel,nope"], "unknown algorithm 'nope'" },
        { ["--algos", "mirror-descent,rebel", "--grid", "omwu:samples=2,4"], "'omwu:samples' is for algorithm 'omwu', which the sweep does not run" },
        { ["--algos", "mirror-descent,rebel", "--grid", "eta=0.1", "--grid", "rebel:eta=0.2"], "option 'eta' is swept twice for rebel" },
        { ["--algos", "mirror-descent,rebel", "--grid", "rebel:alpha=0.2"], "algorithm rebel has no option 'alpha'" },
        { ["--algos", "rebel,"], "--algos" },
        { ["--grid", "eta=0.1"], "--algos" },
        { ["--algos", "rebel", "--seeds", "0"], "seeds" },
        { ["--algos", "rebel,omwu", "--grid", "eta=0.1,0.2", "--seeds", "25001"], "the sweep has 100004 runs, more than the 100000 allowed" },
        { ["--algos", "rebel", "-T", "0"], "iterations" },
        { ["--algos", "rebel", "--jobs", "0"], "--jobs" },
        { ["--algos", "rebel", "--checkpoint-seconds", "0"], "checkpoint_seconds" },
        { ["--algos", "rebel", "--pref-model", "no-such-game"], "no-such-game" },
        { ["--file", "bad.json"], "bad.json" },
        { ["--file", "empty-grid.json"], "grid is empty" },
        { ["--file", "no-values.json"], "option 'eta' has no values" },
        { ["--file", "unknown-key.json"], "unknown property 'gird'" },
        { ["--file", "missing.json"], "missing.json" },
        { ["--file", "empty-grid.json", "--algos", "rebel"], "--algos cannot be combined" },
        { ["--file", "empty-grid.json", "--checkpoint-seconds", "1"], "--checkpoint-seconds cannot be combined" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void A_bad_input_exits_2_with_one_line_and_writes_nothing(string[] args, string named)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["bad.json"], "{\"format\": \"rebel-sweep/1\", \"games\": [");
        File.WriteAllText(dir["empty-grid.json"], """{"format": "rebel-sweep/1", "games": ["rps"], "algorithms": ["rebel"], "grid": {}, "iterations": 10}""");
        File.WriteAllText(dir["no-values.json"], """{"format": "rebel-sweep/1", "games": ["rps"], "algorithms": ["rebel"], "grid": {"eta": []}, "iterations": 10}""");
        File.WriteAllText(dir["unknown-key.json"], """{"format": "rebel-sweep/1", "games": ["rps"], "algorithms": ["rebel"], "gird": {"eta": [1]}, "iterations": 10}""");

        var r = RebelProcess.Run(dir.Path, ["sweep", .. args, "--out", "sw"]);

        AssertOneLineError(r, named);
        Assert.False(Directory.Exists(dir["sw"]));
    }

    [Fact]
    public void A_run_with_other_settings_a_stray_file_or_a_changed_game_is_refused_before_anything_runs()
    {
        using var dir = new TempDirectory();
        string game = TestGames.Write(dir, "wrps.json", TestGames.WeightedRps());
        string[] Sweep(string iterations, params string[] extra) =>
            ["sweep", "--pref-model", game, "--algos", "rebel", "--grid", "eta=0.1,0.2", "--seeds", "1", "-T", iterations, "--out", "sw", .. extra];
        Assert.Equal(0, RebelProcess.Run(dir.Path, Sweep("30")).ExitCode);
        var before = Hashes(dir["sw"]);

        AssertOneLineError(RebelProcess.Run(dir.Path, Sweep("40")), "holds a run with other settings (iterations 30, not 40)");
        Assert.Equal(before, Hashes(dir["sw"]));

        File.WriteAllText(dir[Path.Combine("sw", "notes.txt")], "mine");
        AssertOneLineError(RebelProcess.Run(dir.Path, Sweep("30")), "'notes.txt'");
        File.Delete(dir[Path.Combine("sw", "notes.txt")]);
        Assert.Equal(before, Hashes(dir["sw"]));

        TestGames.Write(dir, "wrps.json", TestGames.Random(3, 1));
        AssertOneLineError(RebelProcess.Run(dir.Path, Sweep("30")), "differs from the one the run started with");
        Assert.Equal(before, Hashes(dir["sw"]));

        // --force starts every run afresh, here on the changed game.
        Assert.Equal(0, RebelProcess.Run(dir.Path, Sweep("30", "--force")).ExitCode);
        string metrics = Path.Combine("wrps-rebel-eta=0.1-s0", "metrics.jsonl");
        Assert.NotEqual(before[metrics], Hashes(dir["sw"])[metrics]);
    }

    private static void AssertOneLineError(RebelProcess.Result r, string named)
    {
        Assert.Equal(2, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("rebel: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.Stderr, StringComparison.Ordinal);
    }

    private static async Task WaitFor(Process process, Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(process.HasExited, "rebel ended before the awaited state");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the awaited state did not come in 60 s");
            await Task.Delay(10);
        }
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The CSV's lines without their last column (seconds: wall time, the one value that cannot repeat).</summary>
    internal static string[] WithoutSeconds(string csv) => File.ReadAllLines(csv).Select(l => l[..l.LastIndexOf(',')]).ToArray();

    private static string[] MetricsWithoutSeconds(string run) =>
        File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => l[..l.IndexOf(",\"seconds\"", StringComparison.Ordinal)]).ToArray();

    /// <summary>Every file under <paramref name="root"/> but the lock owner's PID, by relative path, with its SHA-256.</summary>
    internal static Dictionary<string, string> Hashes(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != ".rebel.owner")
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
