using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Cli.Tests.Utils;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Runs;

namespace Rebel.Cli.Tests.Commands;

public sealed partial class SelfPlayCommandTests
{
    private static readonly string[] StandardFields = ["iteration", "dg_last", "dg_avg", "regret_avg", "kl_step", "entropy"];

    [Fact]
    public void Selfplay_writes_the_run_directory_with_exact_metrics()
    {
        using var dir = new TempDirectory();
        var game = TestGames.WeightedRps();
        string file = TestGames.Write(dir, "wrps.json", game);
        const int T = 400;
        var r = RebelProcess.Run(dir.Path, "selfplay", "--pref-model", file, "--algo", "mirror-descent", "--iterations", "400", "--seed", "7", "--out", "run");
        Assert.Equal(0, r.ExitCode);
        // stderr carries only progress (k/T, gaps, rate); results and paths go to stdout.
        Assert.All(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Matches(@"^mirror-descent (0/400  starting|\d+/400  dg_last=.* it/s  ETA [0-9]+ s)  \([0-9]+ s\)$", l));
        Assert.StartsWith("run directory: run", r.Stdout, StringComparison.Ordinal);
        string run = dir["run"];
        foreach (var f in new[] { "config.json", "metrics.jsonl", "checkpoint.json", "policy.json", "plot.svg" })
            Assert.True(File.Exists(Path.Combine(run, f)), f);
        Assert.Empty(Directory.EnumerateFiles(run, "*.tmp"));
        Assert.Contains(Path.Combine("run", "plot.svg"), r.Stdout, StringComparison.Ordinal);

        var lines = File.ReadAllLines(Path.Combine(run, "metrics.jsonl"));
        Assert.Equal(T, lines.Length);
        for (int t = 0; t < T; t++)
        {
            using var line = JsonDocument.Parse(lines[t]);
            var names = line.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(StandardFields, names.Take(StandardFields.Length));
            Assert.Equal("seconds", names[^1]);
            Assert.Equal(t + 1, line.RootElement.GetProperty("iteration").GetInt32());
        }

        using var last = JsonDocument.Parse(lines[^1]);
        double dgAvg = last.RootElement.GetProperty("dg_avg").GetDouble();
        using var policy = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "policy.json")));
        var average = policy.RootElement.GetProperty("contexts")[0].GetProperty("average").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double recomputed = DualityGap.Of(game, new TabularPolicy([Vector<double>.Build.DenseOfArray(average)]));
        Assert.Equal(recomputed, dgAvg, 1e-12);
        // Self-play identity: Reg_T / T = DG(π̄_T) / 2; Hedge bound with the tuned η: DG(π̄_T) ≤ sqrt(2 ln 3 / T).
        Assert.Equal(dgAvg / 2, last.RootElement.GetProperty("regret_avg").GetDouble(), 1e-12);
        Assert.InRange(dgAvg, 0, Math.Sqrt(2 * Math.Log(3) / T));

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Equal(7UL, config.RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal(T, config.RootElement.GetProperty("iterations").GetInt32());
        Assert.Equal("mirror-descent", config.RootElement.GetProperty("algorithm").GetString());
        Assert.Equal("exact", config.RootElement.GetProperty("options").GetProperty("feedback").GetString());

        var svg = XDocument.Load(Path.Combine(run, "plot.svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        // dg_last, dg_avg and, for mirror descent, its bound; weighted-rps has three responses, so the simplex too.
        Assert.Equal(3, svg.Descendants(ns + "polyline").Count());
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value.StartsWith("dg_avg", StringComparison.Ordinal));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "√(2 ln n / T), n = 3");
        Assert.True(File.Exists(Path.Combine(run, RunFiles.Simplex)));
    }

    [Fact]
    public void A_large_game_is_evaluated_and_written_every_few_iterations_by_default()
    {
        using var dir = new TempDirectory();
        // 200 responses: the automatic interval is 4 (PolicyEvaluator.AutoEvery), so lines at 4, 8 and the last, 10.
        var r = RebelProcess.Run(dir.Path, "selfplay", "--pref-model", "random:n=200", "--algo", "rebel", "-T", "10", "--out", "run");
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("NaN", r.Stderr, StringComparison.Ordinal);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir["run"], "config.json")));
        Assert.Equal(4, config.RootElement.GetProperty("log_every").GetInt32());
        var lines = File.ReadAllLines(Path.Combine(dir["run"], "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal([4, 8, 10], lines.Select(l => l.GetProperty("iteration").GetInt32()));
        Assert.All(lines, l => Assert.True(l.GetProperty("dg_avg").GetDouble() > 0));
    }

    [Fact]
    public void Resumed_run_after_a_kill_matches_the_uninterrupted_run_bit_for_bit()
    {
        using var dir = new TempDirectory();
        string file = TestGames.Write(dir, "random.json", TestGames.Random(200, 5));
        string[] common = ["selfplay", "--pref-model", file, "--iterations", "10000", "--eta", "0.05", "--checkpoint-seconds", "0.05", "--log-every", "1"];
        using var reference = RebelProcess.Start(dir.Path, [.. common, "--out", "full"]);
        using var killed = RebelProcess.Start(dir.Path, [.. common, "--out", "killed"]);
        _ = reference.StandardOutput.ReadToEndAsync();
        _ = killed.StandardOutput.ReadToEndAsync();

        string checkpoint = dir[Path.Combine("killed", "checkpoint.json")];
        var watch = Stopwatch.StartNew();
        while (CheckpointIteration(checkpoint) == 0)
        {
            Assert.False(killed.HasExited, "the run finished before it could be killed");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(40), "no checkpoint after 40 s");
            Thread.Sleep(10);
        }
        killed.Kill(entireProcessTree: true);
        killed.WaitForExit();
        Assert.True(reference.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, reference.ExitCode);

        int at = CheckpointIteration(checkpoint);
        Assert.InRange(at, 1, 9999);
        // Metrics are appended as they come and flushed before each checkpoint, which records their length: the
        // prefix it records is whole lines up to its iteration; what follows (perhaps a cut line) the resume drops.
        using (var doc = JsonDocument.Parse(File.ReadAllText(checkpoint)))
        {
            long length = doc.RootElement.GetProperty("metrics_bytes").GetInt64();
            var bytes = File.ReadAllBytes(dir[Path.Combine("killed", "metrics.jsonl")]);
            Assert.True(bytes.LongLength >= length);
            var prefix = System.Text.Encoding.UTF8.GetString(bytes, 0, (int)length).Split('\n');
            Assert.Equal("", prefix[^1]);
            Assert.Equal(at, prefix.Length - 1);
            Assert.All(prefix[..^1], l => JsonDocument.Parse(l).Dispose());
        }

        var resumed = RebelProcess.Run(dir.Path, "selfplay", "--resume", "killed");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Empty(Directory.EnumerateFiles(dir["killed"], "*.tmp"));
        var expected = File.ReadAllLines(dir[Path.Combine("full", "metrics.jsonl")]).Select(WithoutSeconds).ToArray();
        var actual = File.ReadAllLines(dir[Path.Combine("killed", "metrics.jsonl")]).Select(WithoutSeconds).ToArray();
        Assert.Equal(10000, expected.Length);
        Assert.Equal(expected, actual);
        Assert.Equal(File.ReadAllText(dir[Path.Combine("full", "policy.json")]), File.ReadAllText(dir[Path.Combine("killed", "policy.json")]));
    }

    [Fact]
    public void Help_lists_generated_algorithm_options_with_defaults()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "selfplay", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"--pairs <[a-z|-]*best-worst[a-z|-]*>", r.Stdout);
        Assert.Matches(@"--tau .*0.1 for nash-md", r.Stdout);
        Assert.Matches(@"--samples .*\[default: 4\]", r.Stdout);
        Assert.Matches(@"--policy <tabular\|loglinear", r.Stdout);
    }

    private static int CheckpointIteration(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.GetProperty("iteration").GetInt32();
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string WithoutSeconds(string line) => SecondsField().Replace(line, "");

    [GeneratedRegex(@",""seconds"":[^,}]*")]
    private static partial Regex SecondsField();
}
