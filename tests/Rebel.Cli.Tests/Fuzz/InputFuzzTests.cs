using System.Text;
using Rebel.Cli.Tests.Utils;
using Rebel.Games;
using Rebel.Preference;
using Rebel.Preference.Fitting;
using Rebel.Runs;
using Xunit.Abstractions;

namespace Rebel.Cli.Tests.Fuzz;

/// <summary>
/// A seeded, bounded fuzzer over everything a user hands rebel as a file — game files, pairs files, and the
/// checkpoint, config and metrics of a run directory — run in-process so it takes seconds. Every mutant must load
/// (and a resumed run finish) or be refused with a user error (the exceptions the CLI prints as one line with exit 2); anything else (a crash,
/// an unexpected exception type) fails with the seed and mutant index, which replay it.
/// </summary>
public sealed class InputFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261129;

    [Fact]
    public void Mutated_game_and_pairs_files_load_or_give_a_user_error()
    {
        using var dir = new TempDirectory();
        var game = Encoding.UTF8.GetBytes(GameFile.Serialize(TestGames.WeightedRps()));
        var pairs = Encoding.UTF8.GetBytes("{\"context\":\"x0\",\"a\":\"r\",\"b\":\"p\",\"winner\":\"a\"}\n{\"context\":\"x0\",\"a\":\"p\",\"b\":\"s\",\"p\":0.25}\n");
        var mutator = new Mutator(Seed);
        var failures = new List<string>();
        int tried = 0, refused = 0;
        for (int i = 0; i < 3000; i++, tried++)
            refused += Outcome(failures, $"game mutant {i}", () => GameFile.Parse(mutator.Mutate(game)));
        string file = dir["pairs.jsonl"];
        for (int i = 0; i < 1000; i++, tried++)
        {
            File.WriteAllBytes(file, mutator.Mutate(pairs));
            refused += Outcome(failures, $"pairs mutant {i}", () => PairwiseData.Read(file));
        }
        string gameFile = dir["game.json"];
        for (int i = 0; i < 300; i++, tried++)
        {
            File.WriteAllBytes(gameFile, mutator.Mutate(game));
            refused += Outcome(failures, $"game file mutant {i}", () => GameSource.Load(gameFile));
        }
        output.WriteLine($"game and pairs fuzz: {tried} mutants, {refused} refused with a user error, {failures.Count} failures");
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("mirror-descent")]
    [InlineData("rebel")]
    [InlineData("omwu")]
    public void Mutated_run_directories_resume_or_give_a_user_error(string algorithm)
    {
        using var dir = new TempDirectory();
        var config = new RunConfig
        {
            Game = "weighted-rps",
            Algorithm = algorithm,
            Iterations = 30,
            Seed = 3,
            // The exact reference never samples, so it refuses sampling options.
            Shared = algorithm == "mirror-descent" ? new SelfPlayOptions() : new SelfPlayOptions { Feedback = FeedbackKind.Bernoulli },
        };
        string run = dir["run"];
        using (var first = SelfPlayRun.Create(run, config, Games.Zoo.GameZoo.Create("weighted-rps")))
        {
            using var stop = new CancellationTokenSource();
            Assert.Throws<OperationCanceledException>(() => first.Run(m =>
            {
                if (m.Iteration == 17)
                    stop.Cancel();
            }, stop.Token));
        }
        string[] names = [RunFiles.Checkpoint, RunFiles.Config, RunFiles.Metrics];
        var originals = names.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(run, n)));
        var mutator = new Mutator(Seed + algorithm.Length);
        var failures = new List<string>();
        int tried = 0, refused = 0;
        foreach (string name in names)
        {
            for (int i = 0; i < 200; i++, tried++)
            {
                foreach (var (n, bytes) in originals)
                    File.WriteAllBytes(Path.Combine(run, n), bytes);
                File.WriteAllBytes(Path.Combine(run, name), mutator.Mutate(originals[name]));
                // What resumes must also run to the end: a value that passed validation must not crash the algorithm.
                refused += Outcome(failures, $"{name} mutant {i}", () => SelfPlayRun.Resume(run).Run());
            }
        }
        output.WriteLine($"{algorithm} run-directory fuzz: {tried} mutants, {refused} refused with a user error, {failures.Count} failures");
        Assert.Empty(failures);
    }

    /// <summary>1 when <paramref name="load"/> refused its input with a user error, 0 when it loaded; anything else is recorded as a failure.</summary>
    private static int Outcome(List<string> failures, string what, Action load)
    {
        try
        {
            load();
            return 0;
        }
        catch (Exception e) when (e is GameValidationException or RunException)
        {
            if (string.IsNullOrWhiteSpace(e.Message))
                failures.Add($"{what}: {e.GetType().Name} without a message");
            return 1;
        }
        catch (Exception e)
        {
            failures.Add($"{what} (seed {Seed}): {e.GetType().Name}: {e.Message}");
            return 0;
        }
    }
}
