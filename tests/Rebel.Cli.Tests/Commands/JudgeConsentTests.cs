using Rebel.Cli.Tests.Utils;
using static Rebel.Cli.Tests.Utils.JudgeChecks;

namespace Rebel.Cli.Tests.Commands;

/// <summary>
/// A judge command runs only when the user's own command line names it (a judge: spec) or allows it (--trust-judge):
/// every path that would start a command someone else recorded refuses with one line, before anything runs or changes.
/// </summary>
public sealed class JudgeConsentTests
{
    // The judge of a recorded run, a sweep file or a judge file "someone else" wrote: it would leave a marker.
    private static string Planted(TempDirectory dir) => $"judge:cmd=\"touch '{dir["pwned"]}'\",responses=3,eval-budget=0";

    private static string JudgeFile(TempDirectory dir, string command) =>
        $$"""{"format": "rebel-judge/1", "command": "{{command.Replace("\"", "\\\"", StringComparison.Ordinal)}}", "contexts": [{"name": "x", "responses": ["a", "b", "c"]}]}""";

    [Fact]
    public void ResumeExtendAndConfigOfAJudgeRunRefuseWithoutTrustJudgeAndChangeNothingThenResumeBitExactWithIt()
    {
        using var dir = new TempDirectory();
        string spec = $"judge:cmd=\"python3 '{Script}' --die-after 40\",responses=3";
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--pref-model", spec.Replace(" --die-after 40", "", StringComparison.Ordinal), "-T", "60", "--out", "whole").ExitCode);
        OneLineError(RebelProcess.Run(dir.Path, "selfplay", "--pref-model", spec, "-T", "60", "--out", "broken", "--checkpoint-seconds", "0.001"), "answer line");
        var before = Files(dir.Path);

        foreach (var args in new[]
        {
            new[] { "selfplay", "--resume", "broken" },
            ["selfplay", "--resume", "broken", "-T", "80"],
            ["selfplay", "--config", "broken/config.json", "--out", "again"],
        })
        {
            string line = OneLineError(RebelProcess.Run(dir.Path, args), "broken/config.json", "names the judge command", "--die-after 40", "--trust-judge");
            Assert.Equal(before, Files(dir.Path));
            NoneLeft(dir.Path);
        }

        // Allowed, the same judge (mended by its config's directory) finishes the run exactly as the uninterrupted one.
        string config = File.ReadAllText(dir["broken/config.json"]).Replace(" --die-after 40", "", StringComparison.Ordinal);
        File.WriteAllText(dir["healed.json"], config);
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--config", "healed.json", "--out", "again", "--trust-judge").ExitCode);
        Assert.Equal(Metrics(dir["whole/metrics.jsonl"]), Metrics(dir["again/metrics.jsonl"]));
        NoneLeft(dir.Path);
    }

    [Fact]
    public void CompareOverAnotherRunsJudgeSweepFilesJudgeFilesAndExportRefuseBeforeStartingIt()
    {
        using var dir = new TempDirectory();
        // Someone else's run directory, recording a judge: made here with the consent the spec on the command line gives.
        Assert.Equal(2, RebelProcess.Run(dir.Path, "selfplay", "--pref-model", Planted(dir), "-T", "3", "--out", "cmp/rebel-s0").ExitCode);
        File.Delete(dir["pwned"]);
        File.WriteAllText(dir["sweep.json"], $$"""{"format": "rebel-sweep/1", "games": ["{{Planted(dir).Replace("\"", "\\\"", StringComparison.Ordinal)}}"], "algorithms": ["rebel"], "iterations": 3}""");
        File.WriteAllText(dir["judge.json"], JudgeFile(dir, $"touch '{dir["pwned"]}'"));
        var before = Files(dir.Path);

        OneLineError(RebelProcess.Run(dir.Path, "compare", "--algos", "rebel", "--seeds", "1", "-T", "3", "--out", "cmp"), "cmp/rebel-s0", "another game");
        OneLineError(RebelProcess.Run(dir.Path, "compare", "--algos", "rebel", "--seeds", "1", "-T", "3", "--out", "cmp", "--trust-judge"), "another game");
        OneLineError(RebelProcess.Run(dir.Path, "sweep", "--file", "sweep.json", "--out", "sw"), "sweep.json", "touch", "--trust-judge");
        OneLineError(RebelProcess.Run(dir.Path, "solve", "--game", "judge.json"), "judge.json", "rebel-judge/1", "--trust-judge");
        OneLineError(RebelProcess.Run(dir.Path, "games", "--export", "judge.json", "out.json"), "judge.json", "--trust-judge");
        OneLineError(RebelProcess.Run(dir.Path, "selfplay", "--pref-model", "judge.json", "-T", "3", "--out", "j"), "judge.json", "--trust-judge");
        Assert.Equal(before, Files(dir.Path));
        Assert.False(File.Exists(dir["pwned"]));
        NoneLeft(dir.Path);

        // With --trust-judge the judge file's command does run (and, being no judge, fails with one line).
        OneLineError(RebelProcess.Run(dir.Path, "solve", "--game", "judge.json", "--trust-judge"), "exited before answering request 1");
        Assert.True(File.Exists(dir["pwned"]));
    }

    [Fact]
    public void ACommandIsSplitIntoArgumentsAndRunWithoutAShellUnlessTheSpecOptsIn()
    {
        using var dir = new TempDirectory();
        foreach (string cmd in new[] { $"true; touch '{dir["pwned"]}'", $"echo $(touch '{dir["pwned"]}')", $"true && touch '{dir["pwned"]}'", $"true | touch '{dir["pwned"]}'" })
        {
            OneLineError(RebelProcess.Run(dir.Path, "solve", "--game", $"judge:cmd=\"{cmd.Replace("\"", "\\\"", StringComparison.Ordinal)}\",responses=3"), "judge '");
            Assert.False(File.Exists(dir["pwned"]), cmd);
        }
        OneLineError(RebelProcess.Run(dir.Path, "solve", "--game", "judge:cmd=\"python3 'unclosed\",responses=3"), "cannot be split into arguments", "not closed");
        OneLineError(RebelProcess.Run(dir.Path, "solve", "--game", $"judge:cmd=\"true; touch '{dir["pwned"]}'\",responses=3,shell=true"), "exited before answering request 1");
        Assert.True(File.Exists(dir["pwned"]));
        NoneLeft(dir.Path);
    }
}
