using System.Text.RegularExpressions;
using Rebel.Cli.Tests.Utils;
using Rebel.Games.Zoo;
using Rebel.Preference;
using Rebel.Preference.Algorithms;
using Rebel.Preference.Runs;

namespace Rebel.Cli.Tests.Runs;

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

    private static void AssertResumeIsBitExact(TempDirectory dir, string algorithm, SelfPlayOptions shared, object? options = null)
    {
        var game = GameZoo.Create("weighted-rps");
        var config = new RunConfig
        {
            Game = "weighted-rps",
            Algorithm = algorithm,
            Iterations = 60,
            Seed = 11,
            Shared = shared,
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
    }

    [Fact]
    public void Resume_refuses_a_game_that_changed_since_the_start()
    {
        using var dir = new TempDirectory();
        string file = TestGames.Write(dir, "g.json", TestGames.WeightedRps());
        SelfPlayRun.Create(dir["run"], new RunConfig { Game = file, Iterations = 5 }, TestGames.WeightedRps());
        TestGames.Write(dir, "g.json", TestGames.Random(3, 1));
        var e = Assert.Throws<RunException>(() => SelfPlayRun.Resume(dir["run"]));
        Assert.Contains("differs", e.Message, StringComparison.Ordinal);
    }

    private static string[] Lines(string run) =>
        File.ReadAllLines(Path.Combine(run, RunFiles.Metrics)).Select(l => Seconds().Replace(l, "")).ToArray();

    [GeneratedRegex(@",""seconds"":[^,}]*")]
    private static partial Regex Seconds();
}
