using Rebel.Cli.Tests.Utils;
using static Rebel.Cli.Tests.Utils.JudgeChecks;

namespace Rebel.Cli.Tests.Commands;

/// <summary>Issue 19's smaller faults: each is one line and exit code 2, or accepted where the README says so.</summary>
public sealed class SmallerFaultsTests
{
    [Theory]
    [InlineData("1000000000")]
    [InlineData("30000")]
    [InlineData("46341")]
    public void AHugeSampleCountIsRefusedAsAnOption(string samples)
    {
        using var dir = new TempDirectory();
        OneLineError(RebelProcess.Run(dir.Path, "selfplay", "--game", "rps", "-T", "2", "--samples", samples, "--out", "run"), $"--samples {samples}", "at most 10000");
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void BrokenTextAndKeysInGameFilesPairsFilesAndSpecsAreOneLine()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["surrogate.json"], """{"\ud800": 1, "format": "rebel-game/1", "contexts": []}""");
        OneLineError(RebelProcess.Run(dir.Path, "solve", "--game", "surrogate.json"), "surrogate.json", "lone UTF-16 surrogate");
        File.WriteAllText(dir["winner.jsonl"], "{\"context\": \"x\", \"a\": \"y0\", \"b\": \"y1\", \"winner\": \"a\", \"winner\": \"b\"}\n");
        OneLineError(RebelProcess.Run(dir.Path, "fit-pref", "--data", "winner.jsonl", "--out", "m.json"), "winner.jsonl:1", "Duplicate property 'winner'");
        File.WriteAllText(dir["prompt.jsonl"], "{\"prompt\": \"\\ud800\", \"a\": \"hi\", \"b\": \"bye\", \"winner\": \"a\"}\n");
        OneLineError(RebelProcess.Run(dir.Path, "fit-pref", "--data", "prompt.jsonl", "--model", "neural-gpm", "--tokenizer", "gpt2", "--out", "m.json"), "prompt.jsonl:1", "'prompt' is not valid Unicode text");
        OneLineError(RebelProcess.Run(dir.Path, "solve", "--game", "judge:cmd=x,responses=3,"), "trailing comma");
        // The reason of an error about a very long spec survives the cap on the line's length.
        OneLineError(RebelProcess.Run(dir.Path, "solve", "--game", "judge:cmd=x,responses=3,colour=" + new string('r', 5000)), "unknown judge key 'colour'", " … ");
        Assert.False(File.Exists(dir["m.json"]));
    }

    [Fact]
    public void AnUnlimitedTokenizerFileIsRefusedBeforeItIsRead()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["text.jsonl"], "{\"prompt\": \"p\", \"a\": \"hi\", \"b\": \"bye\", \"winner\": \"a\"}\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        OneLineError(RebelProcess.Run(dir.Path, "fit-pref", "--data", "text.jsonl", "--model", "neural-gpm", "--tokenizer", "/dev/zero", "--out", "m.json"), "/dev/zero", "larger than the limit of 67108864 bytes");
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 30);
    }

    [Fact]
    public void ALineSeparatorInsideAPairsFileIsTextNotALineBreak()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["pairs.jsonl"], "{\"context\": \"x\u2028z\", \"a\": \"y0\", \"b\": \"y1\", \"winner\": \"a\"}\n{\"context\": \"x\u2028z\", \"a\": \"y1\", \"b\": \"y0\", \"winner\": \"a\"}\n");
        var r = RebelProcess.Run(dir.Path, "fit-pref", "--data", "pairs.jsonl", "--out", "m.json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("x\\u2028z", File.ReadAllText(dir["m.json"]), StringComparison.Ordinal);
    }
}
