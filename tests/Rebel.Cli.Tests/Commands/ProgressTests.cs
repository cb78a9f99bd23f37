using System.Diagnostics;
using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Commands;

/// <summary>
/// Progress speaks by the clock: a long run (here a horizon of hours) prints its first line on stderr within 2 s of
/// saying where its run directory is, and then a line at least every 2 s, each with k/T, the gaps (a sweep: the runs finished), iterations per
/// second and the time left — where printing every tenth of T was silent for minutes.
/// </summary>
public class ProgressTests
{
    [Theory]
    [InlineData("selfplay", "--pref-model", "random:n=50", "-T", "200000000", "--out", "run")]
    [InlineData("compare", "--pref-model", "random:n=50", "--algos", "omwu", "--seeds", "1", "-T", "200000000", "--out", "cmp")]
    [InlineData("sweep", "--pref-model", "random:n=50", "--algos", "omwu", "--grid", "eta=0.1", "--seeds", "1", "-T", "200000000", "--out", "sw")]
    public void A_long_run_prints_a_line_at_least_every_two_seconds(params string[] args)
    {
        using var dir = new TempDirectory();
        using var p = RebelProcess.Start(dir.Path, args);
        var clock = Stopwatch.StartNew();
        var lines = new List<(double Seconds, string Text)>();
        p.StandardInput.Close();
        _ = p.StandardOutput.ReadToEndAsync();
        try
        {
            while (lines.Count < 4 && p.StandardError.ReadLine() is { } line)
                lines.Add((clock.Elapsed.TotalSeconds, line));
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        Assert.True(lines.Count == 4, $"only {lines.Count} lines: {string.Join(" | ", lines.Select(l => l.Text))}");
        // The process start (the .NET runtime, loading the game) is before the work; the first line comes as it starts.
        Assert.True(lines[0].Seconds < 8, $"first line after {lines[0].Seconds:F1} s");
        // A run's first line comes as it starts (its inputs are all checked by then); a sweep's a second into it, after
        // its own checks of the runs already in its directory.
        Assert.Matches(args[0] == "sweep" ? " [0-9]+/200000000 " : " 0/200000000 .*starting", lines[0].Text);
        for (int i = 1; i < lines.Count; i++)
            Assert.True(lines[i].Seconds - lines[i - 1].Seconds <= 2.0, $"{lines[i].Seconds - lines[i - 1].Seconds:F2} s between '{lines[i - 1].Text}' and '{lines[i].Text}'");
        foreach (var (_, text) in lines.Skip(2))
        {
            Assert.Matches(@" [0-9]+/200000000 ", text);
            Assert.Contains(" it/s  ETA ", text, StringComparison.Ordinal);
            // A sweep's line counts its runs; a run's shows its gaps.
            Assert.Contains(args[0] == "sweep" ? "0/1 runs" : "dg_avg=", text, StringComparison.Ordinal);
        }
    }
}
