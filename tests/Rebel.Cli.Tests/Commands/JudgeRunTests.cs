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
}
