using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Games.Sequence;
using Rebel.Games.Zoo;
using Rebel.Neural.SelfPlay;
using Rebel.Preference;
using Rebel.Preference.Objectives;
using Rebel.Torch;
using Rebel.Torch.Tests;

namespace Rebel.Neural.Tests.SelfPlay;

public class NeuralSelfPlayTests
{
    private const string Spec = "seq-majority:vocab=3,length=3,annotators=3,seed=1";
    private static readonly NeuralSelfPlayOptions Small = new() { DModel = 16, Layers = 1, Heads = 2, Device = "cpu", Prompts = 8, Batch = 4 };

    private static NeuralSelfPlay New(TabularGame game, NeuralSelfPlayOptions? options = null, SelfPlayObjective? objective = null, SelfPlayOptions? sampling = null)
    {
        NativeShim.Ensure();
        return new NeuralSelfPlay("rebel", game, objective ?? new RebelObjective(1), samplesPerPrompt: 4, options ?? Small, seed: 3, sampling: sampling);
    }

    // The tabular learners' sampling options, through the shared sampler: importance weights under exploration, Bernoulli outcomes, a query budget.
    private static readonly SelfPlayOptions Sampled = new() { Feedback = FeedbackKind.Bernoulli, QueryBudget = 4, Explore = 0.3 };

    // π(y | [prompt]) one sequence at a time (no batching, no shared code with SequencePolicy), renormalised in double.
    private static double[] IndependentProbabilities(NeuralSelfPlay algorithm, SequenceSpace space, long prompt = 0)
    {
        var p = new double[space.Count];
        using var noGrad = Torch.Torch.NoGrad();
        for (var i = 0; i < space.Count; i++)
        {
            using var scope = new DisposeScope();
            var tokens = space.Tokens(i).Select(t => (long)t).ToArray();
            var logProb = algorithm.Policy.SequenceLogProbs(Tensor.FromArray([prompt], 1, 1), Tensor.FromArray(tokens, 1, space.Length));
            p[i] = Math.Exp(logProb.Item());
        }
        var total = p.Sum();
        return p.Select(x => x / total).ToArray();
    }

    private static TabularPolicy Tabular(double[] p) => new([Vector<double>.Build.Dense(p)]);

    [Fact]
    public void ReportsTheExactDualityGapsOfTheCurrentAndAverageIterates()
    {
        var game = GameSource.Load(Spec);
        var space = new SequenceSpace(3, 3);
        using var algorithm = New(game);
        var played = new List<double[]>();
        for (var t = 0; t < 3; t++)
        {
            var before = IndependentProbabilities(algorithm, space);
            played.Add(before);
            var m = algorithm.Step();
            var after = IndependentProbabilities(algorithm, space);
            // float32 forward passes in different batch shapes agree to about 1e-7 per probability.
            Assert.Equal(DualityGap.Of(game, Tabular(after)), m.DualityGapLast, 5);
            var average = Enumerable.Range(0, space.Count).Select(i => played.Average(p => p[i])).ToArray();
            Assert.Equal(DualityGap.Of(game, Tabular(average)), m.DualityGapAverage, 5);
            Assert.Equal(-after.Sum(x => x * Math.Log(x)), m.Entropy, 5);
            Assert.Equal(after.Select((x, i) => x * Math.Log(x / before[i])).Sum(), m.KlStep, 5);
            Assert.Equal(t + 1, m.Iteration);
            // Each of 8 prompts has 4 samples, each pair asked once (the shared sampler reads o_ji as 1 − o_ij).
            Assert.Equal(8 * 6 * (t + 1), m.Extra.Single(e => e.Key == "oracle_queries").Value);
        }
    }

    [Fact]
    public void EvaluatesEveryNthIterationAndRepeatsTheLastValuesInBetween()
    {
        var game = GameSource.Load(Spec);
        using var algorithm = New(game, Small with { EvalEvery = 2 });
        var p0 = algorithm.Current[0];
        var first = algorithm.Step();
        var second = algorithm.Step();
        var p2 = algorithm.Current[0];
        var third = algorithm.Step();
        Assert.Equal(first.DualityGapLast, second.DualityGapLast);
        Assert.Equal(first.DualityGapAverage, second.DualityGapAverage);
        Assert.Equal(first.KlStep, second.KlStep);
        Assert.NotEqual(first.Extra.Single(e => e.Key == "regression_loss").Value, second.Extra.Single(e => e.Key == "regression_loss").Value);
        // dg_last is that of the iterate the evaluated step reached, π_3.
        Assert.Equal(DualityGap.Of(game, Tabular(algorithm.Current[0].ToArray())), third.DualityGapLast, 12);
        // The average iterate is over the evaluated iterates π_0 and π_2 only.
        var average = algorithm.Average[0];
        for (var i = 0; i < p0.Count; i++) Assert.Equal((p0[i] + p2[i]) / 2, average[i], 12);
        Assert.Equal(DualityGap.Of(game, algorithm.Average), third.DualityGapAverage, 12);
    }

    [Fact]
    public void ReportsTheKlToTheInitialPolicyAndTheOracleIsTheOnlyWayToTheGame()
    {
        // kl_ref is KL(π_t ‖ π_0), π_0 the seed's initial transformer: after one step it is that step's KL, and it grows
        // as the policy leaves π_0. The learner queries only the setup's oracle: an oracle that counts sees every query.
        var game = GameSource.Load(Spec);
        NativeShim.Ensure();
        var oracle = new Rebel.Preference.Oracles.TabularOracle(game);
        using var algorithm = new NeuralSelfPlay("rebel", game, new RebelObjective(1), 4, Small, 3, oracle: oracle);
        var first = algorithm.Step();
        double KlRef(IterationMetrics m) => m.Extra.Single(e => e.Key == "kl_ref").Value;
        Assert.Equal(first.KlStep, KlRef(first), 12);
        Assert.True(KlRef(first) > 0);
        IterationMetrics last = first;
        for (var t = 0; t < 5; t++) last = algorithm.Step();
        Assert.True(KlRef(last) > KlRef(first));
        Assert.Equal(last.Extra.Single(e => e.Key == "oracle_queries").Value, oracle.Queries);
    }

    [Fact]
    public void AGameWithoutStoredMatricesIsJudgedAndQueriedAsTheStoredOne()
    {
        // The same seq-majority context, once stored and once as a kernel (as the zoo builds it beyond 4,096
        // sequences): the learner sees the same answers and the evaluator the same exact gaps.
        var family = new SequenceMajority();
        var spec = GameSpec.Parse(Spec, family);
        var stored = family.CreateSequenceGame(spec).Game;
        var (space, features, utilities) = SequenceMajority.Annotate(spec, 64);
        var names = Enumerable.Range(0, space.Count).Select(space.Name).ToArray();
        var kernel = new TabularGame(stored.Name, [new GameContext("x0", 1, names, new ImplicitSequenceMajority(space, utilities[0]), features)]);
        using var a = New(stored);
        using var b = New(kernel);
        for (var t = 0; t < 4; t++)
        {
            var (x, y) = (a.Step(), b.Step());
            Assert.Equal(x.DualityGapLast, y.DualityGapLast, 12);
            Assert.Equal(x.DualityGapAverage, y.DualityGapAverage, 12);
            Assert.Equal(x.KlStep, y.KlStep, 12);
            Assert.Equal(x.Extra.Single(e => e.Key == "regression_loss").Value, y.Extra.Single(e => e.Key == "regression_loss").Value);
            Assert.DoesNotContain(y.Extra, e => e.Key.StartsWith("dist_mw", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheLastIterationIsAlwaysEvaluated()
    {
        // Every 10th iteration, but the run ends at T = 3: the third step evaluates π_2 and the π_3 it reaches, so the final gap is not stale.
        var game = GameSource.Load(Spec);
        using var algorithm = new NeuralSelfPlay("rebel", game, new RebelObjective(1), 4, Small with { EvalEvery = 10 }, 3, horizon: 3);
        var first = algorithm.Step();
        var second = algorithm.Step();
        var third = algorithm.Step();
        Assert.Equal(first.DualityGapLast, second.DualityGapLast);
        Assert.Equal(DualityGap.Of(game, Tabular(algorithm.Current[0].ToArray())), third.DualityGapLast, 12);
    }

    [Fact]
    public void ReportsThePromptWeightedExactGapOfTheConditionalPolicies()
    {
        // Two prompts of unequal weight (3/4, 1/4), each its own annotators: π(·|x) is computed per prompt x = [c].
        var family = new SequenceMajority();
        var two = family.CreateSequenceGame(GameSpec.Parse("seq-majority:vocab=3,length=2,annotators=3,seed=1,prompts=2", family));
        var game = new TabularGame("weighted", [two.Game.Contexts[0].WithWeight(3), two.Game.Contexts[1].WithWeight(1)]);
        var space = new SequenceSpace(3, 2);
        using var algorithm = New(game);
        for (var t = 0; t < 2; t++)
        {
            var m = algorithm.Step();
            var after = Enumerable.Range(0, 2).Select(c => IndependentProbabilities(algorithm, space, c)).ToArray();
            var expected = 0.75 * DualityGap.Of(game.Contexts[0], Vector<double>.Build.Dense(after[0]))
                + 0.25 * DualityGap.Of(game.Contexts[1], Vector<double>.Build.Dense(after[1]));
            Assert.Equal(expected, m.DualityGapLast, 5);
        }
        // The policy conditions on the prompt: its two conditionals differ.
        var current = algorithm.Current;
        Assert.True((current[0] - current[1]).L1Norm() > 1e-3);
    }

    [Fact]
    public void SavedStateContinuesBitForBitWithPromptsAndTheSampledGap() =>
        ContinuesBitForBit(GameSource.Load("seq-majority:vocab=3,length=2,annotators=3,seed=1,prompts=3"), Small with { EstimateSamples = 8, PoolSamples = 6, EvalEvery = 2 });

    // The sampled evaluation of generated responses: the win rate against π_ref and the fixed pool's exploitation.
    [Fact]
    public void EstimateSamplesReportTheWinRateAgainstTheReferenceAndThePoolsExploitation()
    {
        using var run = New(GameSource.Load("seq-majority:vocab=3,length=2,annotators=3,seed=1,prompts=3"), Small with { EstimateSamples = 8, PoolSamples = 6 });
        var first = run.Step();
        double Extra(string key) => first.Extra.Single(e => e.Key == key).Value;
        // π_1 is still close to π_ref, so its win rate is near 1/2; the pool's best candidate cannot lose on average by much.
        Assert.InRange(Extra("win_rate_ref_est"), 0.3, 0.7);
        Assert.InRange(Extra("win_rate_ref_ci"), 1e-6, 0.5);
        Assert.InRange(Extra("exploit_pool_est"), -0.2, 0.5);
        Assert.InRange(Extra("exploit_pool_ci"), 0, 0.5); // 0 when the 4 held-out outcomes agree (M = 8)
        var e = Assert.Throws<OptionException>(() => New(GameSource.Load(Spec), Small with { PoolSamples = 6 }));
        Assert.Equal(nameof(NeuralSelfPlayOptions.PoolSamples), e.Option.Property);
    }

    [Fact]
    public void SavedStateContinuesBitForBit() => ContinuesBitForBit(GameSource.Load(Spec));

    // Online IPO's log-ratios are to π_ref, the seed's initial transformer, which a resumed run rebuilds.
    [Fact]
    public void SavedStateContinuesBitForBitWithAnObjectiveAnchoredToTheReference() =>
        ContinuesBitForBit(GameSource.Load(Spec), objective: SquarePairObjective.Ipo(0.5));

    // INPO's log-ratios are to the geometric mixture π_ref^w π_t^{1−w}.
    [Fact]
    public void SavedStateContinuesBitForBitWithAMixedAnchor() =>
        ContinuesBitForBit(GameSource.Load(Spec), objective: new SquarePairObjective(0.5, referenceWeight: 0.3));

    // States written before the sampled gap took the name every run gives it (dg_last_est) call it dg_est.
    [Fact]
    public void AStateThatCallsTheSampledGapDgEstStillResumes()
    {
        var game = GameSource.Load(Spec);
        var options = Small with { EstimateSamples = 8 };
        string state;
        IterationMetrics next;
        using (var a = New(game, options))
        {
            a.Step();
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer)) a.SaveState(w);
            state = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            next = a.Step();
        }
        Assert.Contains("\"dg_last_est\"", state, StringComparison.Ordinal);
        var old = state.Replace("\"dg_last_est\"", "\"dg_est\"", StringComparison.Ordinal).Replace("\"dg_last_est_ci\"", "\"dg_est_ci\"", StringComparison.Ordinal);
        using var b = New(game, options);
        b.LoadState(JsonDocument.Parse(old).RootElement);
        Assert.Equal(JsonSerializer.Serialize(next), JsonSerializer.Serialize(b.Step()));
    }

    [Fact]
    public void SavedStateContinuesBitForBitWithImportanceWeightsExplorationBernoulliOutcomesAndABudget() =>
        ContinuesBitForBit(GameSource.Load(Spec), Small with { Estimator = RebelEstimator.ImportanceWeighted }, sampling: Sampled);

    [Fact]
    public void TheSharedSamplerAsksTheBudgetPerGroupAndTheSameSeedDrawsTheSameRun()
    {
        var game = GameSource.Load(Spec);
        var options = Small with { Estimator = RebelEstimator.ImportanceWeighted };
        using var a = New(game, options, sampling: Sampled);
        using var b = New(game, options, sampling: Sampled);
        using var exact = New(game, options, sampling: new SelfPlayOptions { Explore = 0.3 });
        for (var t = 1; t <= 3; t++)
        {
            var m = a.Step();
            Assert.Equal(JsonSerializer.Serialize(m), JsonSerializer.Serialize(b.Step()));
            // 8 prompts, 4 of each group's 6 pairs.
            Assert.Equal(8 * 4 * t, m.Extra.Single(e => e.Key == "oracle_queries").Value);
            // Bernoulli outcomes and a budget are other draws than exact feedback on every pair: the fits differ.
            Assert.NotEqual(m.Extra.Single(e => e.Key == "regression_loss").Value, exact.Step().Extra.Single(e => e.Key == "regression_loss").Value);
        }
    }

    private static void ContinuesBitForBit(TabularGame game, NeuralSelfPlayOptions? options = null, SelfPlayObjective? objective = null, SelfPlayOptions? sampling = null)
    {
        string Line(IterationMetrics m) => JsonSerializer.Serialize(m);
        List<string> uninterrupted;
        using (var a = New(game, options, objective, sampling)) uninterrupted = Enumerable.Range(0, 5).Select(_ => Line(a.Step())).ToList();
        string state;
        var resumed = new List<string>();
        using (var b = New(game, options, objective, sampling))
        {
            // Stopped after 3: with evaluations every 2nd iteration the 4th repeats the saved values.
            resumed.AddRange(Enumerable.Range(0, 3).Select(_ => Line(b.Step())));
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer)) b.SaveState(w);
            state = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
        using (var c = New(game, options, objective, sampling))
        {
            c.LoadState(JsonDocument.Parse(state).RootElement);
            Assert.Equal(3, c.Iteration);
            resumed.AddRange(Enumerable.Range(0, 2).Select(_ => Line(c.Step())));
        }
        Assert.Equal(uninterrupted, resumed);
    }

    [Fact]
    public void RefusesAGameWhoseResponsesAreNotTokenSequences()
    {
        var e = Assert.Throws<ArgumentException>(() => New(GameSource.Load("weighted-rps")));
        Assert.Contains("a neural policy needs an enumerable sequence game", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void RefusesTheStateOfAnotherAlgorithm()
    {
        var game = GameSource.Load(Spec);
        using var buffer = new MemoryStream();
        using (var a = New(game))
        using (var w = new Utf8JsonWriter(buffer)) a.SaveState(w);
        using var sppo = new NeuralSelfPlay("sppo", game, new SppoObjective(1), 4, Small, 3);
        var e = Assert.Throws<FormatException>(() => sppo.LoadState(JsonDocument.Parse(buffer.ToArray()).RootElement));
        Assert.Contains("'rebel', not 'sppo'", e.Message, StringComparison.Ordinal);
    }
}
