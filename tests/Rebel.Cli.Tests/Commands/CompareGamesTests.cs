using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Commands;

/// <summary>
/// <c>compare</c> over several games (a summary and charts per game in DIR/&lt;game&gt;), with seeds as a range or a
/// list, and <c>--jobs</c>: runs at a time give the same metrics, byte for byte but the wall-clock seconds, as one at a time.
/// </summary>
public sealed class CompareGamesTests
{
    [Fact]
    public void Several_games_in_parallel_give_a_comparison_per_game_equal_to_the_serial_one()
    {
        using var dir = new TempDirectory();
        string[] common = ["compare", "--pref-model", "rps", "--pref-model", "condorcet", "--algos", "omwu,rebel", "--seeds", "2..3", "-T", "40"];
        var serial = RebelProcess.Run(dir.Path, [.. common, "--out", "serial"]);
        Assert.True(serial.ExitCode == 0, serial.Stderr);
        var parallel = RebelProcess.Run(dir.Path, [.. common, "--jobs", "3", "--out", "parallel"]);
        Assert.True(parallel.ExitCode == 0, parallel.Stderr);
        foreach (string game in new[] { "rps", "condorcet" })
        {
            foreach (string file in new[] { "summary.md", "comparison.svg", "comparison-last.svg" })
                Assert.True(File.Exists(dir[$"parallel/{game}/{file}"]), $"{game}/{file}");
            Assert.Equal(["omwu-s2", "omwu-s3", "rebel-s2", "rebel-s3"],
                Directory.GetDirectories(dir[$"parallel/{game}"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (string run in new[] { "omwu-s2", "omwu-s3", "rebel-s2", "rebel-s3" })
                Assert.Equal(WithoutSeconds(dir[$"serial/{game}/{run}/metrics.jsonl"]), WithoutSeconds(dir[$"parallel/{game}/{run}/metrics.jsonl"]));
            Assert.Contains("| omwu |", File.ReadAllText(dir[$"parallel/{game}/summary.md"]), StringComparison.Ordinal);
        }
        // A list of seeds: exactly those runs.
        var list = RebelProcess.Run(dir.Path, "compare", "--pref-model", "rps", "--algos", "omwu", "--seeds", "5,1", "-T", "10", "--out", "list");
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Equal(["omwu-s1", "omwu-s5"], Directory.GetDirectories(dir["list"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("3..1", "rebel: --seeds 3..1: the range ends before it starts")]
    [InlineData("1,x", "rebel: --seeds 1,x: 'x' is not a seed")]
    [InlineData("1,1", "rebel: --seeds 1,1: a seed is repeated")]
    [InlineData("0", "rebel: --seeds must be from 1 to 100000, not 0")]
    public void Bad_seeds_are_one_line_before_any_run(string seeds, string expected)
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "compare", "--pref-model", "rps", "--algos", "omwu", "--seeds", seeds, "-T", "10", "--out", "cmp");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith(expected, r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["cmp"]));
    }

    private static string[] WithoutSeconds(string metrics) =>
        File.ReadAllLines(metrics).Select(l => System.Text.RegularExpressions.Regex.Replace(l, "\"seconds\":[^,}]*", "")).ToArray();
}
