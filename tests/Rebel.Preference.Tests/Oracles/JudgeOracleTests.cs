using Rebel.Games;
using Rebel.Games.Judges;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Tests.Oracles;

public sealed class JudgeOracleTests
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Judges", "cyclic_judge.py");

    private static string Spec(int n, string extra = "") =>
        $"judge:cmd=\"python3 '{Script}' --n {n}{extra}\",responses={n}";

    /// <summary>dg_avg of REBEL with K = 4 Bernoulli samples per iteration, learning only from the judge's answers.</summary>
    private static (double Gap, long Queries, long JudgeQueries) Run(string spec, int horizon, ulong seed)
    {
        var game = GameSource.Load(spec, JudgeConsent.All);
        using var judge = new JudgeOracle(GameSource.Judge(spec)!);
        var setup = new AlgorithmSetup(game, horizon, seed, new SelfPlayOptions { Feedback = FeedbackKind.Bernoulli }, null) { Oracle = judge };
        var algorithm = AlgorithmCatalog.Find("rebel").Instantiate(setup);
        IterationMetrics last = null!;
        for (int t = 0; t < horizon; t++)
            last = algorithm.Step();
        long queries = (long)last.Extra.Single(e => e.Key == "oracle_queries").Value;
        return (last.DualityGapAverage, queries, judge.Queries);
    }

    [Fact]
    public void SelfPlayWithACyclicJudgeProcessDrivesTheDualityGapDown()
    {
        // Seeds averaged per horizon; the slope of log dg_avg over log T is about −1/2 for a tuned η.
        int[] horizons = [50, 200, 800];
        var gaps = horizons.Select(t => Enumerable.Range(0, 3).Average(s => Run(Spec(5), t, (ulong)s).Gap)).ToArray();
        var x = horizons.Select(t => Math.Log(t)).ToArray();
        var y = gaps.Select(g => Math.Log(g)).ToArray();
        double mx = x.Average(), my = y.Average();
        double slope = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / x.Sum(a => (a - mx) * (a - mx));
        Assert.True(slope < -0.25, $"dg_avg {string.Join(", ", gaps)} over T = {string.Join(", ", horizons)}: slope {slope}");
        Assert.True(gaps[0] > 0.05, $"the game is not solved from the start: dg_avg at T = 50 is {gaps[0]}");
    }

    [Fact]
    public void TheLearnerCountsOnlyItsOwnQueriesAndTheEvaluationsMatrixIsTheJudges()
    {
        var spec = GameSource.Judge(Spec(3))!;
        var game = GameSource.Load(Spec(3), JudgeConsent.All);
        Assert.Equal(6, spec.EvalQueries);
        // rock (0) loses to paper (1) by the margin of the pair {0, 1}: 0.35.
        Assert.Equal(0.15, game.Contexts[0].Preference[0, 1], 12);
        var (_, queries, judgeQueries) = Run(Spec(3), 10, 0);
        Assert.Equal(60, queries); // K = 4 samples, 6 pairs, 10 iterations; the 6 evaluation queries are not among them
        Assert.Equal(queries, judgeQueries);
    }

    [Fact]
    public void AnOutcomeJudgeIsToldASeedAndAnswersTheSameForTheSameSeed()
    {
        var spec = JudgeSpec.Parse(Spec(3, " --answers outcomes") + ",answers=outcomes");
        double[] Draw()
        {
            using var judge = new JudgeOracle(spec);
            var result = new double[200];
            var pairs = Enumerable.Range(0, 200).Select(_ => 0).ToArray();
            judge.Feedback(0, pairs, pairs.Select(_ => 1).ToArray(), FeedbackKind.Bernoulli, new Rebel.Games.Randomness.SeededRandom(7), result);
            return result;
        }
        var first = Draw();
        Assert.Equal(first, Draw());
        Assert.InRange(first.Average(), 0.05, 0.3); // P(rock ≻ paper) = 0.15
        // Neither an outcome judge nor one over its evaluation budget is asked for a matrix (cmd=x would fail if run).
        foreach (var text in new[] { "judge:cmd=\"x\",responses=3,answers=outcomes", "judge:cmd=\"x\",responses=3000,eval-budget=100" })
        {
            Assert.False(GameSource.Judge(text)!.IsEnumerable);
            // A placeholder of 1/2 everywhere, stored as a kernel: its memory does not grow with n².
            var context = GameSource.Load(text, JudgeConsent.All).Contexts[0];
            Assert.NotNull(context.Kernel);
            Assert.Equal(0.5, context.Kernel!.Preference(0, context.Count - 1));
        }
    }

    [Theory]
    [InlineData(" --die-after 2", "exited before answering request 3 (answer line 3) with exit code 3")]
    [InlineData(" --garbage-after 2", "answer line 3 is not {\"id\": 3")]
    [InlineData(" --hang-after 2", "did not answer request 3 (answer line 3) within 1 s")]
    public void AFailingJudgeGivesOneMessageNamingTheJudgeAndTheLine(string misbehaviour, string expected)
    {
        var spec = JudgeSpec.Parse(Spec(3, misbehaviour) + ",timeout=1");
        using var judge = new JudgeOracle(spec);
        var result = new double[1];
        for (int k = 0; k < 2; k++)
            judge.Probabilities(0, [0], [1], result);
        var e = Assert.Throws<GameValidationException>(() => judge.Probabilities(0, [0], [1], result));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("cyclic_judge.py", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        // Once failed, the judge stays failed with the same message.
        Assert.Equal(e.Message, Assert.Throws<GameValidationException>(() => judge.Probabilities(0, [0], [1], result)).Message);
    }

    [Theory]
    [InlineData("judge:responses=3", "cmd=")]
    [InlineData("judge:cmd=\"x\"", "responses=n")]
    [InlineData("judge:cmd=\"x\",responses=3,colour=red", "unknown judge key 'colour'")]
    [InlineData("judge:cmd=\"x,responses=3", "not closed")]
    [InlineData("judge:cmd=\"x\",responses=3,answers=maybe", "answers 'maybe'")]
    [InlineData("judge:cmd=\"x\",responses=3,eval-samples=0", "samples per context")]
    public void BadJudgeSpecsAreRefusedNamingTheKey(string text, string expected)
    {
        var e = Assert.Throws<GameValidationException>(() => GameSource.Load(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AJudgeFileDeclaresContextsWithResponseTextsAndItsCommandRunsBesideIt()
    {
        string dir = Directory.CreateTempSubdirectory("rebel-judge-").FullName;
        try
        {
            File.Copy(Script, Path.Combine(dir, "cyclic_judge.py"));
            string path = Path.Combine(dir, "judge.json");
            File.WriteAllText(path, """
                {"format": "rebel-judge/1", "command": "python3 cyclic_judge.py", "timeout_seconds": 10,
                 "contexts": [{"name": "game", "prompt": "play", "responses": [
                   {"name": "rock", "text": "a fist"}, {"name": "paper", "text": "a flat hand"}, {"name": "scissors", "text": "two fingers"}]}]}
                """);
            var game = GameSource.Load(path, JudgeConsent.All);
            Assert.Equal(["rock", "paper", "scissors"], game.Contexts[0].Responses);
            Assert.Equal(0.15, game.Contexts[0].Preference[0, 1], 12);
            Assert.Equal(dir, GameSource.Judge(path)!.WorkingDirectory);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
