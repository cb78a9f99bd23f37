using System.Diagnostics;
using System.Text.Json;
using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Commands;

/// <summary>Two real rebel processes on one run directory: the OS lock lets exactly one write it.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task A_second_process_is_refused_even_with_force_and_the_kernel_frees_the_lock_of_a_killed_one()
    {
        using var dir = new TempDirectory();
        string file = TestGames.Write(dir, "random.json", TestGames.Random(200, 5));
        using var first = RebelProcess.Start(dir.Path, "selfplay", "--pref-model", file, "--iterations", "2000000", "--checkpoint-seconds", "0.05", "--log-every", "1", "--out", "run");
        _ = first.StandardOutput.ReadToEndAsync();
        _ = first.StandardError.ReadToEndAsync();
        string checkpoint = dir[Path.Combine("run", "checkpoint.json")];
        var watch = Stopwatch.StartNew();
        while (!File.Exists(checkpoint))
        {
            Assert.False(first.HasExited, "the first run ended before the second started");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "no checkpoint after 30 s");
            await Task.Delay(10);
        }
        string config = await File.ReadAllTextAsync(dir[Path.Combine("run", "config.json")]);

        var second = RebelProcess.Run(dir.Path, "selfplay", "--iterations", "5", "--seed", "9", "--out", "run", "--force");
        var withoutForce = RebelProcess.Run(dir.Path, "selfplay", "--iterations", "5", "--out", "run");
        var resume = RebelProcess.Run(dir.Path, "selfplay", "--resume", "run");
        var compare = RebelProcess.Run(dir.Path, "compare", "--algos", "omwu", "--seeds", "1", "--iterations", "5", "--out", ".", "--force");

        Assert.False(first.HasExited, "the first run must still hold the directory");
        foreach (var refused in new[] { second, withoutForce, resume })
        {
            Assert.Equal(2, refused.ExitCode);
            Assert.Matches(@"^rebel: run: in use by another rebel process \(PID " + first.Id + @"\)[^\n]*\n$", refused.Stderr);
        }
        Assert.Equal(0, compare.ExitCode);
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();

        Assert.Equal(config, await File.ReadAllTextAsync(dir[Path.Combine("run", "config.json")]));
        using (var doc = JsonDocument.Parse(await File.ReadAllTextAsync(checkpoint)))
        {
            int at = doc.RootElement.GetProperty("iteration").GetInt32();
            long length = doc.RootElement.GetProperty("metrics_bytes").GetInt64();
            var bytes = await File.ReadAllBytesAsync(dir[Path.Combine("run", "metrics.jsonl")]);
            var lines = System.Text.Encoding.UTF8.GetString(bytes, 0, (int)length).Split('\n')[..^1];
            Assert.Equal(at, lines.Length);
            for (int t = 0; t < lines.Length; t++)
            {
                using var line = JsonDocument.Parse(lines[t]);
                Assert.Equal(t + 1, line.RootElement.GetProperty("iteration").GetInt32());
            }
        }
        // The kill released the lock (the kernel drops it with the process), so the directory can be taken again.
        var after = RebelProcess.Run(dir.Path, "selfplay", "--iterations", "5", "--out", "run", "--force");
        Assert.Equal(0, after.ExitCode);
        Assert.Equal(5, (await File.ReadAllLinesAsync(dir[Path.Combine("run", "metrics.jsonl")])).Length);
    }
}
