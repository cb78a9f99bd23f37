using System.Text.RegularExpressions;
using Rebel.Cli.Tests.Utils;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Games.Zoo;
using Rebel.Preference;
using Rebel.Preference.Algorithms;

namespace Rebel.Runs.Tests;

public sealed partial class SelfPlayRunTests
{
    public static TheoryData<string> Algorithms => new(AlgorithmCatalog.All.Select(a => a.Name));

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Interrupted_and_resumed_run_equals_the_uninterrupted_one(string algorithm)
    {
        using var dir = new TempDirectory();
        AssertResumeIsBitExact(dir, algorithm, new SelfPlayOptions { Feedback = FeedbackKind.Bernoulli });
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Interrupted_and_resumed_regularised_run_equals_the_uninterrupted_one(string algorithm)
    {
        // A reference that is not the initial policy: the last iterate of a short run.
        using var dir = new TempDirectory();
        var reference = SelfPlayRun.Create(dir["reference"], new RunConfig { Game = "weighted-rps", Iterations = 3 }, GameZoo.Create("weighted-rps")).Run();
        string policy = Path.Combine(reference.Directory, RunFiles.Policy);
        AssertResumeIsBitExact(dir, algorithm, new SelfPlayOptions { Feedback = FeedbackKind.Bernoulli, Tau = 0.3, Reference = policy });
        Assert.All(File.ReadAllLines(Path.Combine(dir["full"], RunFiles.Metrics)), l => Assert.Contains("\"dg_reg\":", l, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void The_last_metrics_line_describes_the_policies_of_policy_json(string algorithm)
    {
        // One iterate, one name: dg_last, dg_reg and dist_mw_last of the last line are those of policy.json's `last`,
        // dg_avg and dist_mw_avg those of its `average`.
        using var dir = new TempDirectory();
        var game = GameZoo.Create("weighted-rps");
        var config = new RunConfig { Game = "weighted-rps", Algorithm = algorithm, Iterations = 7, Shared = new SelfPlayOptions { Tau = 0.1 } };
        SelfPlayRun.Create(dir["run"], config, game).Run();
        using var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllLines(Path.Combine(dir["run"], RunFiles.Metrics))[^1]);
        using var policy = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir["run"], RunFiles.Policy)));
        TabularPolicy Read(string name) => new([.. policy.RootElement.GetProperty("contexts").EnumerateArray()
            .Select(c => MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfEnumerable(c.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())))]);
        double Metric(string name) => metrics.RootElement.GetProperty(name).GetDouble();
        var (last, average) = (Read("last"), Read("average"));
        var winner = MinimaxWinner.Solve(game.Contexts[0]).Policy;
        Assert.Equal(Rebel.Games.Exact.DualityGap.Of(game, last), Metric("dg_last"), 1e-12);
        Assert.Equal(new RegularisedGame(game, 0.1).DualityGap(last), Metric("dg_reg"), 1e-12);
        Assert.Equal((last[0] - winner).L1Norm(), Metric("dist_mw_last"), 1e-9);
        Assert.Equal(Rebel.Games.Exact.DualityGap.Of(game, average), Metric("dg_avg"), 1e-12);
        Assert.Equal((average[0] - winner).L1Norm(), Metric("dist_mw_avg"), 1e-9);
    }

    [Fact]
    public void A_taken_directory_is_refused_with_remedies_a_front_end_can_name()
    {
        using var dir = new TempDirectory();
        var config = new RunConfig { Game = "weighted-rps", Iterations = 3 };
        SelfPlayRun.Create(dir["run"], config, GameZoo.Create("weighted-rps")).Run();
        var e = Assert.Throws<RunException>(() => SelfPlayRun.Create(dir["run"], config, GameZoo.Create("weighted-rps")));
        Assert.Equal(RunRemedy.Resume | RunRemedy.Force, e.Remedy);
        Assert.EndsWith(": already exists and holds a run or other files (continue it with SelfPlayRun.Resume, or overwrite it with force: true)", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("(continue it with --resume, or overwrite it with --force)", e.Render(r => r == RunRemedy.Resume ? "--resume" : "--force"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_option_keeps_its_property_through_the_run()
    {
        using var dir = new TempDirectory();
        var config = new RunConfig { Game = "weighted-rps", Algorithm = "online-dpo", AlgorithmOptions = new OnlineDpoOptions { Beta = 0 } };
        var e = Assert.Throws<RunException>(() => SelfPlayRun.Create(dir["run"], config, GameZoo.Create("weighted-rps")));
        Assert.Equal((typeof(OnlineDpoOptions), nameof(OnlineDpoOptions.Beta)), (e.Option!.Option.OptionsType, e.Option.Option.Property));
        Assert.Equal("OnlineDpoOptions.Beta = 0: must be a positive finite number", e.Message);
        Assert.False(Directory.Exists(dir["run"]) && Directory.EnumerateFileSystemEntries(dir["run"]).Any(f => !f.Contains(".rebel", StringComparison.Ordinal)));
    }

    [Fact]
    public void Tau_zero_is_the_unregularised_game_without_dg_reg()
    {
        using var dir = new TempDirectory();
        var config = new RunConfig { Game = "weighted-rps", Algorithm = "extragradient", Iterations = 3, Shared = new SelfPlayOptions { Tau = 0 }, AlgorithmOptions = new ExtragradientOptions() };
        SelfPlayRun.Create(dir["run"], config, GameZoo.Create("weighted-rps")).Run();
        Assert.DoesNotContain("dg_reg", File.ReadAllText(Path.Combine(dir["run"], RunFiles.Metrics)), StringComparison.Ordinal);
    }

    public static TheoryData<string, object> OtherLosses => new()
    {
        { "egpo", new EgpoOptions { Loss = LossKind.Sampled } },
        { "nash-md-pg", new NashMdPgOptions { Loss = LossKind.Sampled } },
        { "inpo", new InpoOptions { Loss = LossKind.Sampled } },
        { "comal", new ComalOptions { Inner = 7, Loss = LossKind.Sampled } },
        { "online-ipo", new OnlineIpoOptions { Loss = LossKind.Exact } },
    };

    [Theory]
    [MemberData(nameof(OtherLosses))]
    public void Interrupted_and_resumed_run_of_the_other_loss_equals_the_uninterrupted_one(string algorithm, object options)
    {
        using var dir = new TempDirectory();
        AssertResumeIsBitExact(dir, algorithm, new SelfPlayOptions { Feedback = FeedbackKind.Bernoulli, Tau = 0.3 }, options);
    }

    private static bool UsesExactWinRates(string algorithm, object? options) => options switch
    {
        null => algorithm is "mirror-descent" or "egpo" or "nash-md-pg" or "inpo" or "comal" or "nash-mp" or "mpo",
        OnlineIpoOptions o => o.Loss == LossKind.Exact,
        _ => false,
    };

    private static void AssertResumeIsBitExact(TempDirectory dir, string algorithm, SelfPlayOptions shared, object? options = null)
    {
        var game = GameZoo.Create("weighted-rps");
        var config = new RunConfig
        {
            Game = "weighted-rps",
            Algorithm = algorithm,
            Iterations = 60,
            Seed = 11,
            // Exact forms (the reference, and the regularised algorithms' default --loss exact) refuse sampling options.
            Shared = UsesExactWinRates(algorithm, options) ? shared with { Feedback = FeedbackKind.Exact } : shared,
            AlgorithmOptions = options,
        };
        var full = SelfPlayRun.Create(dir["full"], config, game).Run();

        var first = SelfPlayRun.Create(dir["cut"], config, game);
        using var stop = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => first.Run(m =>
        {
            if (m.Iteration == 23)
                stop.Cancel();
        }, stop.Token));
        Assert.Equal(23, File.ReadAllLines(dir[Path.Combine("cut", RunFiles.Metrics)]).Length);

        var resumed = SelfPlayRun.Resume(dir["cut"]);
        Assert.Equal(23, resumed.Algorithm.Iteration);
        var result = resumed.Run();

        Assert.Equal(Lines(dir["full"]), Lines(dir["cut"]));
        Assert.Equal(full.DualityGapAverage, result.DualityGapAverage);
        Assert.Equal(File.ReadAllText(Path.Combine(dir["full"], RunFiles.Policy)), File.ReadAllText(Path.Combine(dir["cut"], RunFiles.Policy)));
        // The figures are drawn from the checkpoint's sample, so a resumed run draws the same bytes (weighted-rps has three responses: simplex.svg too).
        foreach (string figure in new[] { RunFiles.Plot, RunFiles.Simplex })
            Assert.Equal(File.ReadAllText(Path.Combine(dir["full"], figure)), File.ReadAllText(Path.Combine(dir["cut"], figure)));
    }

    [Fact]
    public void Resume_refuses_a_game_that_changed_since_the_start()
    {
        using var dir = new TempDirectory();
        string file = TestGames.Write(dir, "g.json", TestGames.WeightedRps());
        SelfPlayRun.Create(dir["run"], new RunConfig { Game = file, Iterations = 5 }, TestGames.WeightedRps()).Dispose();
        TestGames.Write(dir, "g.json", TestGames.Random(3, 1));
        var e = Assert.Throws<RunException>(() => SelfPlayRun.Resume(dir["run"]));
        Assert.Contains("differs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_past_the_checkpoint_are_cut_and_a_long_run_keeps_a_bounded_plot_sample_across_a_resume()
    {
        using var dir = new TempDirectory();
        var game = GameZoo.Create("weighted-rps");
        var config = new RunConfig { Game = "weighted-rps", Algorithm = "omwu", Iterations = 5000, Seed = 2 };
        var full = SelfPlayRun.Create(dir["full"], config, game).Run();

        Cut(dir["cut"], config, game, 3001);
        // A kill after more metrics were appended than the checkpoint covers leaves extra bytes, maybe a cut line.
        File.AppendAllText(Path.Combine(dir["cut"], RunFiles.Metrics), "{\"iteration\":3002,\"dg_la");
        var result = SelfPlayRun.Resume(dir["cut"]).Run();

        Assert.Equal(Lines(dir["full"]), Lines(dir["cut"]));
        Assert.InRange(full.Iterations.Count, 1024, 2049);
        Assert.Equal(5000, full.Iterations[^1]);
        Assert.Equal(full.Iterations, result.Iterations);
        Assert.Equal(full.DualityGapAverage, result.DualityGapAverage);
        Assert.Equal(full.DualityGapLast, result.DualityGapLast);
        // The simplex trajectory is thinned with the gaps (same points, across the resume too).
        foreach (string figure in new[] { RunFiles.Plot, RunFiles.Simplex })
            Assert.Equal(File.ReadAllText(Path.Combine(dir["full"], figure)), File.ReadAllText(Path.Combine(dir["cut"], figure)));
        var simplex = System.Xml.Linq.XDocument.Load(Path.Combine(dir["full"], RunFiles.Simplex));
        foreach (string trajectory in new[] { "last", "average" })
        {
            var line = simplex.Descendants(System.Xml.Linq.XName.Get("polyline", "http://www.w3.org/2000/svg")).Single(p => p.Attribute("class")?.Value == trajectory);
            Assert.Equal(full.Iterations.Count, line.Attribute("points")!.Value.Split(' ').Length);
        }
    }

    [Fact]
    public void A_second_writer_is_refused_with_the_holders_pid_until_the_first_is_done()
    {
        using var dir = new TempDirectory();
        var game = GameZoo.Create("weighted-rps");
        var config = new RunConfig { Game = "weighted-rps", Iterations = 10 };
        var first = SelfPlayRun.Create(dir["run"], config, game);
        string before = File.ReadAllText(Path.Combine(dir["run"], RunFiles.Checkpoint));
        var e = Assert.Throws<RunException>(() => SelfPlayRun.Create(dir["run"], config with { Seed = 4 }, game, force: true));
        Assert.Contains($"in use by another rebel process (PID {Environment.ProcessId})", e.Message, StringComparison.Ordinal);
        Assert.Contains("in use by another rebel process", Assert.Throws<RunException>(() => SelfPlayRun.Create(dir["run"], config, game)).Message, StringComparison.Ordinal);
        Assert.Contains("in use by another rebel process", Assert.Throws<RunException>(() => SelfPlayRun.Resume(dir["run"])).Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(dir["run"], RunFiles.Checkpoint)));
        first.Run();
        SelfPlayRun.Create(dir["run"], config with { Seed = 4 }, game, force: true).Dispose();
    }

    [Fact]
    public void A_directory_killed_before_its_first_iteration_is_resumable_and_reusable_without_force()
    {
        using var dir = new TempDirectory();
        var game = GameZoo.Create("weighted-rps");
        var config = new RunConfig { Game = "weighted-rps", Algorithm = "rebel", Iterations = 40, Seed = 5 };
        SelfPlayRun.Create(dir["full"], config, game).Run();
        foreach (string name in new[] { "resumed", "reused" })
        {
            SelfPlayRun.Create(dir[name], config, game).Dispose();
            File.Delete(Path.Combine(dir[name], RunFiles.Checkpoint));
            File.WriteAllText(Path.Combine(dir[name], $".{RunFiles.Checkpoint}.1.x.tmp"), "{");
            Assert.True(SelfPlayRun.IsFreeForNewRun(dir[name]));
        }
        SelfPlayRun.Create(dir["at-zero"], config, game).Dispose();
        SelfPlayRun.Resume(dir["resumed"]).Run();
        SelfPlayRun.Create(dir["reused"], config, game).Run();
        SelfPlayRun.Resume(dir["at-zero"]).Run();
        Assert.Equal(Lines(dir["full"]), Lines(dir["resumed"]));
        Assert.Equal(Lines(dir["full"]), Lines(dir["reused"]));
        Assert.Equal(Lines(dir["full"]), Lines(dir["at-zero"]));
        Assert.False(SelfPlayRun.IsFreeForNewRun(dir["full"]));
    }

    [Theory]
    [InlineData(RunFiles.Checkpoint, "\"log_policy\":[[", "\"log_policy\":[[\"NaN\",", "state.log_policy[0][0]")]
    [InlineData(RunFiles.Checkpoint, "rebel-checkpoint/2", "rebel-checkpoint/1", "format")]
    [InlineData(RunFiles.Checkpoint, "\"iteration\":12,\"metrics", "\"iteration\":-12,\"metrics", "iteration = -12")]
    [InlineData(RunFiles.Config, "\"checkpoint_seconds\": 2", "\"checkpoint_seconds\": 0", "checkpoint_seconds")]
    [InlineData(RunFiles.Config, "\"iterations\": 30", "\"iterations\": 5", "config.json")]
    [InlineData(RunFiles.Config, "\"options\": {", "\"options\": {\"bogus\": 1,", "options.bogus: unknown option")]
    [InlineData(RunFiles.Metrics, "\"iteration\":12,", "\"iteration\":11,", "metrics.jsonl")]
    public void Resume_refuses_a_bad_file_and_names_it(string file, string find, string replace, string expected)
    {
        using var dir = new TempDirectory();
        var config = new RunConfig { Game = "weighted-rps", Algorithm = "omwu", Iterations = 30 };
        Cut(dir["run"], config, GameZoo.Create("weighted-rps"), 12);
        string path = Path.Combine(dir["run"], file);
        string text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, ReplaceFirst(text, find, replace));
        var e = Assert.Throws<RunException>(() => SelfPlayRun.Resume(dir["run"]));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(1L << 40)]
    public void Resume_refuses_a_metrics_length_that_does_not_end_the_checkpoints_line(long length)
    {
        using var dir = new TempDirectory();
        Cut(dir["run"], new RunConfig { Game = "weighted-rps", Iterations = 30 }, GameZoo.Create("weighted-rps"), 12);
        string path = Path.Combine(dir["run"], RunFiles.Checkpoint);
        var checkpoint = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        checkpoint["metrics_bytes"] = length;
        File.WriteAllText(path, checkpoint.ToJsonString());
        var e = Assert.Throws<RunException>(() => SelfPlayRun.Resume(dir["run"]));
        Assert.Contains(RunFiles.Metrics, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_refuses_the_checkpoint_of_another_run()
    {
        using var dir = new TempDirectory();
        var config = new RunConfig { Game = "weighted-rps", Iterations = 30 };
        Cut(dir["a"], config, GameZoo.Create("weighted-rps"), 12);
        Cut(dir["b"], config with { Game = "rps" }, GameZoo.Create("rps"), 12);
        File.Copy(Path.Combine(dir["b"], RunFiles.Checkpoint), Path.Combine(dir["a"], RunFiles.Checkpoint), overwrite: true);
        var e = Assert.Throws<RunException>(() => SelfPlayRun.Resume(dir["a"]));
        Assert.Contains("belongs to another run", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A run of <paramref name="config"/> in <paramref name="directory"/>, interrupted after iteration <paramref name="at"/>.</summary>
    private static void Cut(string directory, RunConfig config, Rebel.Games.TabularGame game, int at)
    {
        using var stop = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => SelfPlayRun.Create(directory, config, game).Run(m =>
        {
            if (m.Iteration == at)
                stop.Cancel();
        }, stop.Token));
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }

    [Theory]
    [InlineData(37)]
    [InlineData(40)]
    public void A_thinned_run_resumed_between_logged_lines_equals_the_uninterrupted_one(int stopAt)
    {
        // --log-every 10 over 95 iterations: lines 10, 20, …, 90 and the last, 95. Stopping at 37 leaves the
        // checkpoint 7 iterations past the last line, at 40 exactly on one; both resume to the same file.
        using var dir = new TempDirectory();
        var config = new RunConfig { Game = "condorcet", Algorithm = "rebel", Iterations = 95, Seed = 2, LogEvery = 10 };
        var game = GameZoo.Create("condorcet");
        var full = SelfPlayRun.Create(dir["full"], config, game).Run();
        Assert.Equal([.. Enumerable.Range(1, 9).Select(i => 10 * i), 95], File.ReadAllLines(Path.Combine(dir["full"], RunFiles.Metrics))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("iteration").GetInt32()));
        using var stop = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => SelfPlayRun.Create(dir["cut"], config, game).Run(m =>
        {
            if (m.Iteration == stopAt)
                stop.Cancel();
        }, stop.Token));
        var resumed = SelfPlayRun.Resume(dir["cut"]).Run();
        Assert.Equal(Lines(dir["full"]), Lines(dir["cut"]));
        Assert.Equal(full.Final!.DualityGapAverage, resumed.Final!.DualityGapAverage);
    }

    private static string[] Lines(string run) =>
        File.ReadAllLines(Path.Combine(run, RunFiles.Metrics)).Select(l => Seconds().Replace(l, "")).ToArray();

    [GeneratedRegex(@",""seconds"":[^,}]*")]
    private static partial Regex Seconds();
}
