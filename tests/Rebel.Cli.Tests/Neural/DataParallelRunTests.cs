using System.Diagnostics;
using System.Text.Json;
using Rebel.Cli.Tests.Utils;
using Rebel.Runs;
using Rebel.Torch.Tests;
using Rebel.Torch.Tests.Distributed;

namespace Rebel.Cli.Tests.Neural;

/// <summary>
/// <c>rebel selfplay --policy neural</c> as two data-parallel ranks, started as torchrun and srun start them (RANK,
/// WORLD_SIZE, MASTER_ADDR, MASTER_PORT in the environment; docs/distributed.md runs the same under torchrun): the
/// metrics of one process to 1e-6, rank 0 alone writing, world_size recorded and enforced on resume, and a rank that
/// dies ending the other with one line and the last checkpoint intact.
/// </summary>
public class DataParallelRunTests
{
    private static readonly string[] Run = ["selfplay", "--policy", "neural", "--pref-model", "seq-majority:vocab=3,length=3,prompts=3", "--seed", "1"];

    [Fact]
    public async Task Two_ranks_give_the_metrics_of_one_process_to_1e_6_and_a_resume_on_one_process_is_refused()
    {
        NativeShim.Ensure();
        using var dir = new TempDirectory();
        var alone = RebelProcess.Run(dir.Path, [.. Run, "-T", "6", "--out", "one"]);
        Assert.True(alone.ExitCode == 0, alone.Stderr);
        var ranks = await OnTwoRanks(dir.Path, [.. Run, "-T", "6", "--out", "two"], new Dictionary<string, string>());
        Assert.All(ranks, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.Contains("final duality gap", ranks[0].Stdout, StringComparison.Ordinal);
        Assert.Equal("", ranks[1].Stdout);
        // Rank 1 wrote nowhere the user sees: the directory holds rank 0's run only, and nothing else appeared.
        Assert.Equal(["one", "two"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using (var config = JsonDocument.Parse(File.ReadAllText(dir[Path.Combine("two", RunFiles.Config)])))
            Assert.Equal("2", config.RootElement.GetProperty("runtime").GetProperty("world_size").GetString());

        var one = File.ReadAllLines(dir[Path.Combine("one", RunFiles.Metrics)]);
        var two = File.ReadAllLines(dir[Path.Combine("two", RunFiles.Metrics)]);
        Assert.Equal(one.Length, two.Length);
        foreach (var (a, b) in one.Zip(two))
        {
            using var x = JsonDocument.Parse(a);
            using var y = JsonDocument.Parse(b);
            foreach (var p in x.RootElement.EnumerateObject().Where(p => p.Name != "seconds"))
                Assert.True(Math.Abs(p.Value.GetDouble() - y.RootElement.GetProperty(p.Name).GetDouble()) <= 1e-6, $"{p.Name}: {a} | {b}");
        }

        var resumed = RebelProcess.Run(dir.Path, "selfplay", "--resume", "two", "-T", "8");
        Assert.Equal(2, resumed.ExitCode);
        var lines = resumed.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("2 ranks (world_size), not 1", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rank_that_dies_ends_the_other_with_one_line_and_its_checkpoint_resumes_on_two_ranks()
    {
        NativeShim.Ensure();
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string> { ["REBEL_DIST_TIMEOUT"] = "10" };
        string[] args = [.. Run, "-T", "60", "--checkpoint-seconds", "0.2", "--out", "run"];
        int port = LocalPort.Free();
        using var rank0 = Start(dir.Path, args, Rank(0, port, environment));
        using var rank1 = Start(dir.Path, args, Rank(1, port, environment));
        var err0 = rank0.StandardError.ReadToEndAsync();
        _ = rank0.StandardOutput.ReadToEndAsync();
        _ = rank1.StandardError.ReadToEndAsync();
        _ = rank1.StandardOutput.ReadToEndAsync();
        string checkpoint = dir[Path.Combine("run", RunFiles.Checkpoint)];
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!(File.Exists(checkpoint) && Iteration(checkpoint) > 0))
        {
            Assert.True(DateTime.UtcNow < deadline && !rank0.HasExited, "rank 0 wrote no checkpoint past iteration 0");
            await Task.Delay(100);
        }
        rank1.Kill(entireProcessTree: true);
        Assert.True(rank0.WaitForExit(TimeSpan.FromSeconds(40)), "rank 0 outlived its dead peer by more than its timeout");
        Assert.NotEqual(0, rank0.ExitCode);
        var lines = (await err0).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("rebel: ", StringComparison.Ordinal)).ToArray();
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", await err0, StringComparison.Ordinal);

        // The last checkpoint is whole: two ranks resume it to the end.
        Assert.InRange(Iteration(checkpoint), 1, 59);
        var resumed = await OnTwoRanks(dir.Path, ["selfplay", "--resume", "run"], environment);
        Assert.All(resumed, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.Equal(60, File.ReadAllLines(dir[Path.Combine("run", RunFiles.Metrics)]).Length);
    }

    private static int Iteration(string checkpoint)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(checkpoint));
            return doc.RootElement.GetProperty("iteration").GetInt32();
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static Dictionary<string, string> Rank(int rank, int port, IReadOnlyDictionary<string, string> extra) =>
        new(extra) { ["RANK"] = $"{rank}", ["LOCAL_RANK"] = $"{rank}", ["WORLD_SIZE"] = "2", ["MASTER_ADDR"] = "127.0.0.1", ["MASTER_PORT"] = $"{port}" };

    private static async Task<RebelProcess.Result[]> OnTwoRanks(string directory, string[] args, IReadOnlyDictionary<string, string> extra)
    {
        int port = LocalPort.Free();
        return await Task.WhenAll(Enumerable.Range(0, 2).Select(rank =>
            Task.Run(() => RebelProcess.RunProgram("dotnet", directory, TimeSpan.FromSeconds(120), Rank(rank, port, extra), [RebelProcess.Dll, .. args]))));
    }

    private static Process Start(string directory, string[] args, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])[RebelProcess.Dll, .. args])
            info.ArgumentList.Add(a);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        return Process.Start(info)!;
    }
}
