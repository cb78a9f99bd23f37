using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Commands;

/// <summary>
/// <c>rebel sweep --shard i/N</c> and <c>--slurm FILE</c>: shards run side by side into one directory, the whole sweep
/// run afterwards collects them into the results of an unsharded sweep, and the Slurm script's tasks are those shards.
/// (scripts/ci/slurm-test.sh runs the script on a real one-node Slurm where the machine allows.)
/// </summary>
public sealed class SweepShardTests
{
    private static readonly string[] Sweep = ["sweep", "--algos", "rebel,omwu", "--grid", "eta=0.05,0.2", "--grid", "feedback=exact,bernoulli", "--seeds", "2", "-T", "200"];

    [Fact]
    public async Task Three_concurrent_shards_then_the_whole_sweep_give_the_results_of_an_unsharded_sweep_and_rerun_nothing()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, RebelProcess.Run(dir.Path, [.. Sweep, "--out", "whole"]).ExitCode);

        var shards = Enumerable.Range(0, 3).Select(i => RebelProcess.Start(dir.Path, [.. Sweep, "--out", "sharded", "--shard", $"{i}/3"])).ToArray();
        var outputs = new string[3];
        foreach (var (p, i) in shards.Select((p, i) => (p, i)))
        {
            p.StandardInput.Close();
            var err = p.StandardError.ReadToEndAsync();
            outputs[i] = await p.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, await err);
            p.Dispose();
        }
        // Each shard ran its own runs only (k mod 3 of the 16), and none wrote results.
        Assert.Contains("6 runs of shard 0/3", outputs[0], StringComparison.Ordinal);
        Assert.Contains("5 runs of shard 2/3", outputs[2], StringComparison.Ordinal);
        Assert.Equal(16, Directory.GetDirectories(dir["sharded"]).Length);
        Assert.False(File.Exists(dir[Path.Combine("sharded", "results.csv")]));
        var runs = SweepCommandTests.Hashes(dir["sharded"]);

        var collect = RebelProcess.Run(dir.Path, [.. Sweep, "--out", "sharded"]);
        Assert.True(collect.ExitCode == 0, collect.Stderr);
        Assert.Equal(SweepCommandTests.WithoutSeconds(dir[Path.Combine("whole", "results.csv")]), SweepCommandTests.WithoutSeconds(dir[Path.Combine("sharded", "results.csv")]));
        Assert.Equal(SweepCommandTests.WithoutSeconds(dir[Path.Combine("whole", "summary.csv")]), SweepCommandTests.WithoutSeconds(dir[Path.Combine("sharded", "summary.csv")]));
        // The collect run found every run done: no run file changed, wall-clock seconds included.
        var after = SweepCommandTests.Hashes(dir["sharded"]);
        foreach (var (file, hash) in runs.Where(r => r.Key.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            Assert.Equal(hash, after[file]);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("3/3")]
    [InlineData("0/0")]
    [InlineData("-1/2")]
    [InlineData("1/2/3")]
    [InlineData("1/")]
    public void A_bad_shard_is_one_line_naming_the_flag_with_exit_2_and_nothing_written(string shard)
    {
        using var dir = new TempDirectory();
        JudgeChecks.OneLineError(RebelProcess.Run(dir.Path, [.. Sweep, "--out", "sw", "--shard", shard]), "--shard", shard);
        Assert.False(Directory.Exists(dir["sw"]));
    }

    [Theory]
    [InlineData("--slurm", "job.sh", "--shard", "0/2")]
    [InlineData("--shards", "2")]
    [InlineData("--slurm", "job.sh", "--shards", "0")]
    public void Slurm_flags_that_do_not_fit_are_one_line_with_exit_2(params string[] flags)
    {
        using var dir = new TempDirectory();
        JudgeChecks.OneLineError(RebelProcess.Run(dir.Path, [.. Sweep, "--out", "sw", .. flags]), flags[^2]);
        Assert.False(File.Exists(dir["job.sh"]));
    }

    [Fact]
    public void The_slurm_script_submits_an_array_of_the_shards_and_a_collect_job_after_it_and_its_tasks_run_the_shards()
    {
        using var dir = new TempDirectory();
        var written = RebelProcess.Run(dir.Path, [.. Sweep, "--out", "sw", "--slurm", "job.sh", "--shards", "4"]);
        Assert.True(written.ExitCode == 0, written.Stderr);
        string script = File.ReadAllText(dir["job.sh"]);
        Assert.Contains("#SBATCH --array=0-3\n", script, StringComparison.Ordinal);
        Assert.True(File.Exists(dir[Path.Combine("sw", "sweep.json")]));
        Assert.Empty(Directory.GetDirectories(dir["sw"]));

        // Run by hand, it submits itself as the array and the collect job with afterok on the array (a fake sbatch records them).
        Directory.CreateDirectory(dir["bin"]);
        File.WriteAllText(dir[Path.Combine("bin", "sbatch")], "#!/bin/bash\nprintf '%s\\n' \"$*\" >> \"$(dirname \"$0\")/calls\"\necho \"$(( $(wc -l < \"$(dirname \"$0\")/calls\") + 40 ));cluster\"\n");
        Assert.Equal(0, RebelProcess.RunProgram("chmod", dir.Path, TimeSpan.FromSeconds(10), null, "+x", Path.Combine("bin", "sbatch")).ExitCode);
        var path = new Dictionary<string, string> { ["PATH"] = dir["bin"] + ":" + Environment.GetEnvironmentVariable("PATH") };
        var submitted = RebelProcess.RunProgram("bash", dir.Path, TimeSpan.FromSeconds(30), path, "job.sh");
        Assert.True(submitted.ExitCode == 0, submitted.Stderr);
        var calls = File.ReadAllLines(dir[Path.Combine("bin", "calls")]);
        Assert.Equal(2, calls.Length);
        Assert.Equal("--parsable job.sh", calls[0]);
        Assert.Contains("--dependency=afterok:41 ", calls[1], StringComparison.Ordinal);
        Assert.Contains("--wrap=", calls[1], StringComparison.Ordinal);
        Assert.DoesNotContain("--shard", calls[1], StringComparison.Ordinal);
        Assert.Contains("array job 41 (4 tasks) and the collect job 42", submitted.Stdout, StringComparison.Ordinal);

        // As Slurm runs the array, task i runs shard i/4; the collect job's command then writes the unsharded results.
        foreach (int task in Enumerable.Range(0, 4))
        {
            var r = RebelProcess.RunProgram("bash", dir.Path, TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = $"{task}" }, "job.sh");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Contains($"4 runs of shard {task}/4", r.Stdout, StringComparison.Ordinal);
        }
        Assert.Equal(0, RebelProcess.Run(dir.Path, "sweep", "--file", Path.Combine("sw", "sweep.json"), "--out", "sw").ExitCode);
        Assert.Equal(0, RebelProcess.Run(dir.Path, [.. Sweep, "--out", "whole"]).ExitCode);
        Assert.Equal(SweepCommandTests.WithoutSeconds(dir[Path.Combine("whole", "results.csv")]), SweepCommandTests.WithoutSeconds(dir[Path.Combine("sw", "results.csv")]));
    }
}
