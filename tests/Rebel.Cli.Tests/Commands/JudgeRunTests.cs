using System.Text.Json;
using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Commands;

public sealed class JudgeRunTests
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Judges", "cyclic_judge.py");

    // The command reads its misbehaviour from mode.txt in the run's directory, so a resume can heal the same judge
    // (a shell command line, so the spec opts in to the shell).
    private static string Spec => $"judge:cmd=\"python3 '{Script}' $(cat mode.txt)\",responses=3,shell=true";

    private static List<string> Metrics(string path) =>
        File.ReadLines(path).Select(l =>
        {
            var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(l)!;
            fields.Remove("seconds");
            return JsonSerializer.Serialize(fields);
        }).ToList();

    [Fact]
    public void AJudgeThatDiesExits2WithOneLineAndResumeWithAHealthyJudgeFinishesTheSameRun()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["mode.txt"], "");
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--pref-model", Spec, "-T", "120", "--out", "whole").ExitCode);

        File.WriteAllText(dir["mode.txt"], "--die-after 70");
        var r = RebelProcess.Run(dir.Path, "selfplay", "--pref-model", Spec, "-T", "120", "--out", "broken", "--checkpoint-seconds", "0.001");
        Assert.Equal(2, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("rebel: ", StringComparison.Ordinal)).ToArray();
        Assert.Single(lines);
        Assert.Contains("answer line 71", lines[0], StringComparison.Ordinal);
        Assert.Contains("cyclic_judge.py", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.InRange(Metrics(dir["broken/metrics.jsonl"]).Count, 1, 70);

        File.WriteAllText(dir["mode.txt"], "");
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--resume", "broken", "--trust-judge").ExitCode);
        Assert.Equal(Metrics(dir["whole/metrics.jsonl"]), Metrics(dir["broken/metrics.jsonl"]));

        // The recorded game (with the judge's directory) re-creates the run from its config.
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--config", dir["whole/config.json"], "--out", "again", "--trust-judge").ExitCode);
        Assert.Equal(Metrics(dir["whole/metrics.jsonl"]), Metrics(dir["again/metrics.jsonl"]));
    }

    [Fact]
    public void A_judge_runs_plot_draws_the_estimated_gaps_and_its_progress_prints_them()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "selfplay", "--pref-model", $"judge:cmd=\"python3 '{Script}' --answers outcomes\",responses=3,answers=outcomes", "--feedback", "bernoulli", "-T", "60", "--out", "run");
        Assert.True(r.ExitCode == 0, r.Stderr);
        // The exact gaps are not computed (null); the plot draws the estimates, a point per iteration (the played
        // iterate's estimate from one iteration's answers can be 0, which a log axis leaves out).
        var last = File.ReadLines(dir["run/metrics.jsonl"]).Last();
        Assert.Contains("\"dg_last\":null", last, StringComparison.Ordinal);
        var svg = System.Xml.Linq.XDocument.Load(dir["run/plot.svg"]);
        var curves = svg.Descendants(System.Xml.Linq.XName.Get("polyline", "http://www.w3.org/2000/svg")).ToArray();
        Assert.Equal(2, curves.Length);
        int Points(System.Xml.Linq.XElement c) => c.Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.True(Points(curves[0]) >= 30, $"dg_last_est has {Points(curves[0])} points");
        Assert.True(Points(curves[1]) >= 55, $"dg_avg_est has {Points(curves[1])} points");
        Assert.Contains("dg_avg_est (average iterate, 95% band)", svg.ToString(), StringComparison.Ordinal);
        // Each estimate is drawn with its interval, a band per curve.
        Assert.Equal(2, svg.Descendants(System.Xml.Linq.XName.Get("polygon", "http://www.w3.org/2000/svg")).Count());
        Assert.Contains("\"dg_avg_est_ci\":", last, StringComparison.Ordinal);
        Assert.Contains("estimated duality gaps", svg.ToString(), StringComparison.Ordinal);
        // Progress shows the estimates, never NaN.
        Assert.DoesNotContain("NaN", r.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"dg_last_est=[-0-9.eE]+±[0-9.eE-]+  dg_avg_est=[-0-9.eE]+±[0-9.eE-]+", r.Stderr);
        Assert.Matches(@"average iterate [-0-9.eE]+ ± [0-9.eE-]+", r.Stdout);
    }
}
