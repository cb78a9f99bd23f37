using Rebel.Cli.Tests.Utils;
using static Rebel.Cli.Tests.Utils.JudgeChecks;

namespace Rebel.Cli.Tests.Commands;

/// <summary>A run, compare or sweep directory whose files are symbolic links never makes rebel write into the link's target.</summary>
public sealed class SymlinkTests
{
    [Theory]
    [InlineData("metrics.jsonl")]
    [InlineData(".rebel.owner")]
    [InlineData(".rebel.lock")]
    public void ALinkedRunFileIsRefusedWithOneLineByForceAndResumeAndItsTargetIsUntouched(string file)
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--game", "rps", "-T", "20", "--out", "run").ExitCode);
        File.WriteAllText(dir["victim.txt"], "precious\n");
        File.Delete(dir[$"run/{file}"]);
        File.CreateSymbolicLink(dir[$"run/{file}"], dir["victim.txt"]);
        // A dangling link must not create its target either.
        File.CreateSymbolicLink(dir["dangling"], dir["nowhere.txt"]);

        OneLineError(RebelProcess.Run(dir.Path, "selfplay", "--resume", "run", "-T", "30"), $"run/{file} is a symbolic link");
        OneLineError(RebelProcess.Run(dir.Path, "selfplay", "--game", "rps", "-T", "20", "--out", "run", "--force"), $"run/{file} is a symbolic link");
        Assert.Equal("precious\n", File.ReadAllText(dir["victim.txt"]));

        File.Delete(dir["victim.txt"]);
        File.Move(dir["dangling"], dir[$"run/{file}"], overwrite: true);
        OneLineError(RebelProcess.Run(dir.Path, "selfplay", "--game", "rps", "-T", "20", "--out", "run", "--force"), $"run/{file} is a symbolic link");
        Assert.False(File.Exists(dir["nowhere.txt"]));
    }

    [Fact]
    public void FilesReplacedWholeReplaceTheLinkAndNeverWriteItsTarget()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["victim.txt"], "precious\n");
        Directory.CreateDirectory(dir["cmp"]);
        foreach (string file in new[] { "summary.csv", "summary.md", "comparison.svg" })
            File.CreateSymbolicLink(dir[$"cmp/{file}"], dir["victim.txt"]);
        Assert.Equal(0, RebelProcess.Run(dir.Path, "compare", "--game", "rps", "--algos", "rebel", "--seeds", "1", "-T", "5", "--out", "cmp").ExitCode);
        Assert.Equal("precious\n", File.ReadAllText(dir["victim.txt"]));
        Assert.Null(new FileInfo(dir["cmp/summary.csv"]).LinkTarget);
    }
}
