using System.Diagnostics;
using Rebel.Cli.Tests.Utils;
using static Rebel.Cli.Tests.Utils.JudgeChecks;

namespace Rebel.Cli.Tests.Fuzz;

/// <summary>
/// Real judge processes that fail in every way a judge can (tests/Rebel.Cli.Tests/Judges/faulty_judge.py): each run
/// ends with exit code 2 and one line, leaves no process (children included), changes nothing outside its run
/// directory, and resumes bit for bit once the judge is mended. The protocol's line handling is fuzzed in-process by
/// Rebel.Games.Tests' JudgeFuzzTests.
/// </summary>
public sealed class JudgeFaultTests
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Judges", "faulty_judge.py");

    // The directory is an argument only so that the judge's command line names it (see JudgeChecks.Running).
    private static string Spec(TempDirectory dir, double timeout = 1) =>
        FormattableString.Invariant($"judge:cmd=\"python3 '{Script}' '{dir.Path}'\",responses=3,timeout={timeout},eval-budget=0,eval-samples=4");

    private const string Iterations = "12";

    // The metrics of an uninterrupted run with a healthy judge, which every mended run must reproduce.
    private static readonly Lazy<List<string>> Whole = new(() =>
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["mode.txt"], "healthy");
        var r = RebelProcess.Run(dir.Path, "selfplay", "--pref-model", Spec(dir), "-T", Iterations, "--out", "run");
        Assert.True(r.ExitCode == 0, r.Stderr);
        return Metrics(dir["run/metrics.jsonl"]);
    });

    [Theory]
    [InlineData("garbage", "is not {\"id\": 6")]
    [InlineData("zeros", "answer line 6 is longer than the limit of")]
    [InlineData("stderr", "did not answer request 6 (answer line 6) within 1 s")]
    [InlineData("slow", "did not answer request 6 (answer line 6) within 1 s")]
    [InlineData("fork-die", "exited before answering request 6 (answer line 6) with exit code 3; its last stderr line: faulty_judge: dying with a child")]
    [InlineData("fork-hang", "did not answer request 6")]
    [InlineData("half", "answer line 6")]
    [InlineData("dup", "answer line 6 is not")]
    [InlineData("wrong-id", "answer line 6 is not")]
    [InlineData("nan", "answer line 6 is not")]
    [InlineData("range", "answer line 6 is not")]
    [InlineData("close", "before answering request 6")]
    [InlineData("exit0", "exited before answering request 6 (answer line 6) with exit code 0")]
    public void AFaultyJudgeEndsTheRunWithOneLineLeavesNothingAndTheMendedRunResumesBitExact(string mode, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["mode.txt"], $"{mode} 6");
        var outside = Files(dir.Path);
        var clock = Stopwatch.StartNew();
        var r = RebelProcess.Run(dir.Path, "selfplay", "--pref-model", Spec(dir), "-T", Iterations, "--out", "run", "--checkpoint-seconds", "0.001");
        OneLineError(r, expected, "faulty_judge.py");
        // A time-out of 1 s, not the 300 s the judge sleeps.
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 30);
        NoneLeft(dir.Path);
        Assert.Equal(outside, Files(dir.Path).Where(f => !f.Key.StartsWith("run/", StringComparison.Ordinal)).ToDictionary());

        File.WriteAllText(dir["mode.txt"], "healthy");
        var resumed = RebelProcess.Run(dir.Path, "selfplay", "--resume", "run", "--trust-judge");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(Whole.Value, Metrics(dir["run/metrics.jsonl"]));
        NoneLeft(dir.Path);
    }

    [Fact]
    public void AHealthyJudgesChildrenEndWithTheRun()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["mode.txt"], "fork-ok 2");
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--pref-model", Spec(dir), "-T", Iterations, "--out", "run").ExitCode);
        NoneLeft(dir.Path);
        Assert.Equal(Whole.Value, Metrics(dir["run/metrics.jsonl"]));
    }

    [Fact]
    public async Task CtrlCWhileWaitingOnAJudgeExits130WithinASecondAndTheRunResumesBitExact()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["mode.txt"], "slow 8");
        using var p = RebelProcess.Start(dir.Path, "selfplay", "--pref-model", Spec(dir, timeout: 3600), "-T", Iterations, "--out", "run", "--checkpoint-seconds", "0.001");
        var stderr = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        // The judge sleeps from its 8th request on: wait until it is asked (its metrics stop growing), then Ctrl+C.
        var waiting = Stopwatch.StartNew();
        while (!(File.Exists(dir["run/metrics.jsonl"]) && File.ReadAllLines(dir["run/metrics.jsonl"]).Length >= 2) && waiting.Elapsed.TotalSeconds < 30)
            Thread.Sleep(50);
        Thread.Sleep(1000);
        Assert.False(p.HasExited);
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(20)));
        double seconds = clock.Elapsed.TotalSeconds;
        Assert.Equal(130, p.ExitCode);
        Assert.True(seconds < 1, $"exited {seconds:F2} s after Ctrl+C");
        Assert.Contains("rebel: interrupted", await stderr, StringComparison.Ordinal);
        NoneLeft(dir.Path);

        File.WriteAllText(dir["mode.txt"], "healthy");
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--resume", "run", "--trust-judge").ExitCode);
        Assert.Equal(Whole.Value, Metrics(dir["run/metrics.jsonl"]));
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public void ASignalThatEndsRebelEndsTheJudgesGroupToo(string signal)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["mode.txt"], "fork-hang 4");
        using var p = RebelProcess.Start(dir.Path, "selfplay", "--pref-model", Spec(dir, timeout: 3600), "-T", Iterations, "--out", "run");
        _ = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        var waiting = Stopwatch.StartNew();
        // Rebel, its judge and the judge's child all name the directory; the child comes last.
        while (!Running(dir.Path).Any(c => c.Contains("time.sleep", StringComparison.Ordinal)) && waiting.Elapsed.TotalSeconds < 30)
            Thread.Sleep(50);
        Assert.Equal(3, Running(dir.Path).Length);
        using (var kill = Process.Start("kill", ["-" + signal, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(20)));
        NoneLeft(dir.Path);
    }
}
