using System.Diagnostics;
using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Commands;

/// <summary><c>rebel compare</c> run again on its --out: finished runs kept, killed ones resumed, other settings refused.</summary>
public sealed class CompareResumeTests
{
    [Fact]
    public async Task A_killed_compare_run_again_resumes_and_summarises_like_an_uninterrupted_one()
    {
        using var dir = new TempDirectory();
        string[] compare = ["compare", "--pref-model", "random:n=30", "--algos", "rebel", "--seeds", "2", "-T", "150000", "--checkpoint-seconds", "0.05"];
        Assert.Equal(0, RebelProcess.Run(dir.Path, [.. compare, "--out", "whole"]).ExitCode);

        long checkpointed;
        using (var killed = RebelProcess.Start(dir.Path, [.. compare, "--out", "cut"]))
        {
            _ = killed.StandardOutput.ReadToEndAsync();
            _ = killed.StandardError.ReadToEndAsync();
            string second = dir[Path.Combine("cut", "rebel-s1", "checkpoint.json")];
            var watch = Stopwatch.StartNew();
            // Killed in the second run, once it has checkpointed past iteration 0.
            while ((checkpointed = MetricsBytes(second)) == 0)
            {
                Assert.False(killed.HasExited, "compare ended before the second run had metrics");
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the second run did not start in 60 s");
                await Task.Delay(10);
            }
            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();
        }
        Assert.False(File.Exists(dir[Path.Combine("cut", "rebel-s1", "policy.json")]));
        var firstRun = SweepCommandTests.Hashes(dir[Path.Combine("cut", "rebel-s0")]);
        string metrics = dir[Path.Combine("cut", "rebel-s1", "metrics.jsonl")];
        var kept = File.ReadAllBytes(metrics)[..(int)checkpointed];

        var again = RebelProcess.Run(dir.Path, [.. compare, "--out", "cut"]);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(WithoutSeconds(dir[Path.Combine("whole", "summary.csv")]), WithoutSeconds(dir[Path.Combine("cut", "summary.csv")]));
        foreach (string run in new[] { "rebel-s0", "rebel-s1" })
            Assert.Equal(MetricsWithoutSeconds(dir[Path.Combine("whole", run)]), MetricsWithoutSeconds(dir[Path.Combine("cut", run)]));
        // The run that had finished was read back, not run again.
        Assert.Equal(firstRun, SweepCommandTests.Hashes(dir[Path.Combine("cut", "rebel-s0")]));
        // The killed one was resumed, not restarted: its lines up to the checkpoint keep their bytes, seconds included.
        Assert.Equal(kept, File.ReadAllBytes(metrics)[..(int)checkpointed]);
    }

    /// <summary>The metrics length a checkpoint records, or 0 while there is none past iteration 0.</summary>
    private static long MetricsBytes(string checkpoint)
    {
        if (!File.Exists(checkpoint))
            return 0;
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(checkpoint));
        return doc.RootElement.GetProperty("metrics_bytes").GetInt64();
    }

    [Fact]
    public void A_finished_compare_run_again_changes_nothing_other_settings_and_stray_files_are_refused_and_force_starts_afresh()
    {
        using var dir = new TempDirectory();
        string[] Compare(string iterations, params string[] extra) =>
            ["compare", "--algos", "mirror-descent,omwu", "--seeds", "2", "-T", iterations, "--out", "cmp", .. extra];
        Assert.Equal(0, RebelProcess.Run(dir.Path, Compare("40")).ExitCode);
        var before = SweepCommandTests.Hashes(dir["cmp"]);

        Assert.Equal(0, RebelProcess.Run(dir.Path, Compare("40")).ExitCode);
        Assert.Equal(before, SweepCommandTests.Hashes(dir["cmp"]));

        var other = RebelProcess.Run(dir.Path, Compare("50"));
        Assert.Equal(2, other.ExitCode);
        // The horizon differs, and so does the η tuned for it, which the run recorded.
        Assert.Matches(@"^rebel: cmp/mirror-descent-s0: holds a run with other settings \(iterations 40, not 50, eta [^\n]*--force[^\n]*\n$", other.Stderr);
        Assert.Equal(before, SweepCommandTests.Hashes(dir["cmp"]));

        File.WriteAllText(dir[Path.Combine("cmp", "notes.txt")], "mine");
        var stray = RebelProcess.Run(dir.Path, Compare("40"));
        Assert.Equal(2, stray.ExitCode);
        Assert.Matches(@"^rebel: cmp: holds 'notes.txt', which is neither a run nor an output of this command; choose another directory or pass --force\n$", stray.Stderr);

        Assert.Equal(0, RebelProcess.Run(dir.Path, Compare("50", "--force")).ExitCode);
        Assert.Equal("mine", File.ReadAllText(dir[Path.Combine("cmp", "notes.txt")]));
        Assert.Equal(50, File.ReadAllLines(dir[Path.Combine("cmp", "omwu-s1", "metrics.jsonl")]).Length);
    }

    /// <summary>The CSV without its <c>seconds_mean</c> column (wall time).</summary>
    private static string[] WithoutSeconds(string csv)
    {
        var lines = File.ReadAllLines(csv).Select(l => l.Split(',')).ToArray();
        int seconds = Array.IndexOf(lines[0], "seconds_mean");
        Assert.True(seconds >= 0);
        return lines.Select(cells => string.Join(',', cells.Where((_, i) => i != seconds))).ToArray();
    }

    private static string[] MetricsWithoutSeconds(string run) =>
        File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => l[..l.IndexOf(",\"seconds\"", StringComparison.Ordinal)]).ToArray();
}
