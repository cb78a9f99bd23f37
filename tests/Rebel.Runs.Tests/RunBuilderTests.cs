using System.Text.Json;
using System.Text.RegularExpressions;
using Rebel.Cli.Tests.Utils;
using Rebel.Games;
using Rebel.Games.Randomness;
using Rebel.Games.Zoo;
using Rebel.Preference;
using Rebel.Preference.Oracles;

namespace Rebel.Runs.Tests;

/// <summary>A run built from objects: a library oracle gets a run directory, plots and resume (issue 20).</summary>
public sealed partial class RunBuilderTests
{
    private static readonly OracleIdentity Cyclic = new("cyclic", "1");

    private static RunBuilder Builder(IPreferenceOracle oracle, OracleIdentity? identity = null) =>
        new(oracle, identity ?? Cyclic) { Algorithm = "rebel", Iterations = 60, Seed = 3, Shared = new SelfPlayOptions { Samples = SampleCount.Of(3) }, LogEvery = 1 };

    [Fact]
    public void A_library_oracle_gets_the_run_directory_the_cli_writes()
    {
        using var dir = new TempDirectory();
        var oracle = new CyclicOracle();
        var result = Builder(oracle).Create(dir["run"]).Run();
        foreach (string file in new[] { RunFiles.Config, RunFiles.Metrics, RunFiles.Checkpoint, RunFiles.Plot, RunFiles.Simplex, RunFiles.Policy })
            Assert.True(File.Exists(Path.Combine(dir["run"], file)), file);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir["run"], RunFiles.Config)));
        Assert.Equal("oracle:cyclic", config.RootElement.GetProperty("game").GetString());
        Assert.Equal("1", config.RootElement.GetProperty("oracle").GetProperty("version").GetString());
        Assert.Equal(60, File.ReadAllLines(Path.Combine(dir["run"], RunFiles.Metrics)).Length);
        // The learner asked this oracle (3 samples: 3 pairs per iteration); enumerating the matrix for the evaluation counted none.
        Assert.Equal(60 * 3, oracle.Queries);
        // The exact evaluation is that of the oracle's matrix.
        var game = oracle.ToGame("cyclic");
        Assert.Equal(Rebel.Games.Exact.DualityGap.Of(game, ReadAverage(dir["run"])), result.Final!.DualityGapAverage, 1e-12);
    }

    [Fact]
    public void A_killed_run_resumed_with_the_same_oracle_equals_the_uninterrupted_one()
    {
        using var dir = new TempDirectory();
        Builder(new CyclicOracle()).Create(dir["full"]).Run();
        using var stop = new CancellationTokenSource();
        var builder = Builder(new CyclicOracle());
        Assert.Throws<OperationCanceledException>(() => builder.Create(dir["cut"]).Run(m =>
        {
            if (m.Iteration == 23)
                stop.Cancel();
        }, stop.Token));
        // A new process holds a new oracle object, declaring the same identity.
        Builder(new CyclicOracle()).CreateOrResume(dir["cut"]).Run();
        Assert.Equal(Lines(dir["full"]), Lines(dir["cut"]));
    }

    [Fact]
    public void An_extended_run_continues_with_the_oracle()
    {
        using var dir = new TempDirectory();
        var builder = Builder(new CyclicOracle());
        builder.Create(dir["run"]).Run();
        builder.Extend(dir["run"], 90);
        var result = builder.Resume(dir["run"]).Run();
        Assert.Equal(90, result.Final!.Iteration);
    }

    [Fact]
    public void Another_identity_changed_answers_or_a_spec_resume_are_refused_with_one_line()
    {
        using var dir = new TempDirectory();
        Builder(new CyclicOracle()).Create(dir["run"]).Run();
        string config = Path.Combine(dir["run"], RunFiles.Config);
        var version = Assert.Throws<RunException>(() => Builder(new CyclicOracle(), new OracleIdentity("cyclic", "2")).Resume(dir["run"]));
        Assert.Equal($"{config}: the run was made with the oracle 'cyclic' version 1, not 'cyclic' version 2", version.Message);
        var changed = Assert.Throws<RunException>(() => Builder(new CyclicOracle(0.2)).Resume(dir["run"]));
        Assert.Equal($"{config}: the game 'oracle:cyclic' differs from the one the run started with (game_sha256)", changed.Message);
        var spec = Assert.Throws<RunException>(() => SelfPlayRun.Resume(dir["run"]));
        Assert.Equal($"{config}: the run asks the library oracle 'cyclic' version 1: resume it from the program that holds that oracle (RunBuilder.Resume)", spec.Message);
        // And a run of a zoo game is not resumed as an oracle's.
        SelfPlayRun.Create(dir["zoo"], new RunConfig { Game = "weighted-rps", Iterations = 2 }, GameZoo.Create("weighted-rps")).Run();
        var zoo = Assert.Throws<RunException>(() => Builder(new CyclicOracle()).Resume(dir["zoo"]));
        Assert.EndsWith("the run plays the game 'weighted-rps', not the oracle 'cyclic' version 1", zoo.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_or_resume_refuses_a_run_with_other_settings()
    {
        using var dir = new TempDirectory();
        Builder(new CyclicOracle()).Create(dir["run"]).Run();
        var e = Assert.Throws<RunException>(() => (Builder(new CyclicOracle()) with { Seed = 4 }).CreateOrResume(dir["run"]));
        Assert.Contains("holds a run of the oracle 'cyclic' version 1 with other settings", e.Message, StringComparison.Ordinal);
        // The refusal released the directory: the same builder resumes the finished run.
        Assert.True(Builder(new CyclicOracle()).CreateOrResume(dir["run"]).IsComplete);
    }

    [Fact]
    public void An_oracle_answering_outcomes_is_evaluated_on_the_game_given()
    {
        using var dir = new TempDirectory();
        var oracle = new OutcomesOnly(new CyclicOracle());
        var builder = Builder(oracle) with { Shared = new SelfPlayOptions { Samples = SampleCount.Of(3), Feedback = FeedbackKind.Bernoulli } };
        var missing = Assert.Throws<RunException>(() => builder.Create(dir["run"]));
        Assert.Equal("the oracle 'cyclic' version 1 answers outcomes only: give RunBuilder.EvaluationGame, the game to score policies on", missing.Message);
        var result = (builder with { EvaluationGame = new CyclicOracle().ToGame("cyclic") }).Create(dir["run"]).Run();
        Assert.True(result.Final!.DualityGapAverage is > 0 and < 1);
        Assert.Equal(60 * 3, oracle.Queries);
    }

    [Fact]
    public void Answers_that_are_not_a_game_are_refused()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<RunException>(() => Builder(new Lopsided()).Create(dir["run"]));
        Assert.StartsWith("the oracle 'cyclic' version 1: its answers are not a valid game: ", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Theory]
    [InlineData("", "1", "OracleIdentity.Name")]
    [InlineData("a b", "1", "OracleIdentity.Name")]
    [InlineData("judge", "", "OracleIdentity.Version")]
    [InlineData("judge", "1/2", "OracleIdentity.Version")]
    public void An_identity_is_a_plain_name_and_version(string name, string version, string property)
    {
        var e = Assert.Throws<ArgumentException>(() => new OracleIdentity(name, version));
        Assert.StartsWith(property + ": ", e.Message, StringComparison.Ordinal);
    }

    private static Rebel.Games.TabularPolicy ReadAverage(string run)
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, RunFiles.Policy)));
        return new([.. policy.RootElement.GetProperty("contexts").EnumerateArray()
            .Select(c => MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfEnumerable(c.GetProperty("average").EnumerateArray().Select(v => v.GetDouble())))]);
    }

    private static string[] Lines(string run) =>
        File.ReadAllLines(Path.Combine(run, RunFiles.Metrics)).Select(l => Seconds().Replace(l, "")).ToArray();

    [GeneratedRegex(@",""seconds"":[^,}]*")]
    private static partial Regex Seconds();

    /// <summary>Rock–paper–scissors with unequal margins, the first of them given.</summary>
    private sealed class CyclicOracle(double first = 0.1) : PreferenceOracle
    {
        private readonly double[] _margins = [first, 0.3, 0.45];

        public override int ContextCount => 1;

        public override int ResponseCount(int context) => 3;

        public override double Probability(int context, int a, int b) =>
            a == b ? 0.5 : (b - a + 3) % 3 == 1 ? 0.5 + _margins[a] : 0.5 - _margins[b];
    }

    /// <summary>Says 0.9 for every pair, both ways round: not a preference.</summary>
    private sealed class Lopsided : PreferenceOracle
    {
        public override int ContextCount => 1;

        public override int ResponseCount(int context) => 3;

        public override double Probability(int context, int a, int b) => 0.9;
    }

    /// <summary>A judge that says who won and nothing else.</summary>
    private sealed class OutcomesOnly(PreferenceOracle inner) : IPreferenceOracle
    {
        public int ContextCount => inner.ContextCount;

        public int ResponseCount(int context) => inner.ResponseCount(context);

        public bool AnswersProbabilities => false;

        public long Queries { get => inner.Queries; set => inner.Queries = value; }

        public void Probabilities(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<double> result) =>
            throw new NotSupportedException("outcomes only");

        public void Feedback(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, FeedbackKind kind, SeededRandom random, Span<double> result) =>
            inner.Feedback(context, a, b, kind, random, result);
    }
}
