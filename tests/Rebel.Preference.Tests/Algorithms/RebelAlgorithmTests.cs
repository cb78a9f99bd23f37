using Rebel.Games;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests.Algorithms;

public class RebelAlgorithmTests
{
    private static readonly SelfPlayOptions AllExact = new() { Samples = SampleCount.All, Feedback = FeedbackKind.Exact };

    [Theory]
    [InlineData("weighted-rps:margins=1/3/3,strength=1")]
    [InlineData("bt-mixture:n=6,layout=cyclic")]
    [InlineData("contextual:family=random,contexts=5,n=5")]
    public void WithEveryResponseAndExactWinRatesReproducesMirrorDescent(string spec)
    {
        // Issue 4 §9(a): the exact regression step is π_{t+1} ∝ π_t exp(η r_t).
        var game = GameSource.Load(spec);
        var rebel = Play.Create("rebel", game, 300, shared: AllExact with { Eta = 0.2 });
        var md = Play.Create("mirror-descent", game, 300, shared: new SelfPlayOptions { Eta = 0.2 });
        for (int t = 0; t < 300; t++)
        {
            var a = rebel.Step();
            var b = md.Step();
            Assert.Equal(b.DualityGapLast, a.DualityGapLast, 1e-9);
            Assert.Equal(b.DualityGapAverage, a.DualityGapAverage, 1e-9);
            Assert.Equal(1, a.Extra.Single(e => e.Key == "r2").Value, 1e-9);
        }
        for (int c = 0; c < game.Contexts.Count; c++)
            Play.AssertClose(md.Current[c], rebel.Current[c], 1e-9);
    }

    [Theory]
    [InlineData(7ul)]
    [InlineData(8ul)]
    [InlineData(9ul)]
    public void OneImportanceWeightedStepIsKnownInClosedForm(ulong seed)
    {
        // K = 2 on rps (win = 1) from uniform, baseline b = 1: r̃(y) = 1 + Σ_{i: y_i = y} (ℓ_i − 1)/(2 · 1/3). Two distinct
        // samples: the winner (ℓ = 1) keeps 1, the loser (ℓ = 0) gets 1 − 3/2 = −1/2, the third response 1. The same
        // response twice: ℓ = 1/2 each, so it gets 1 − 2 · (1/2)(3/2) = −1/2, the others 1. Either way the centred
        // targets are {1/2, 1/2, −1}, and η = 0.4 moves the logits by {0.2, 0.2, −0.4}.
        var game = GameSource.Load("rps");
        Assert.Equal([-0.4, 0.2, 0.2], CentredLogitsAfterOneStep(seed, baseline: 1));
    }

    [Fact]
    public void WithTheDefaultBaselineDistinctSamplesMoveAndARepeatedOneDoesNot()
    {
        // With the default b = 1/2: distinct samples give the winner 1/2 + (1/2)(3/2) = 5/4, the loser −1/4 and the third
        // 1/2, so the logits move by η·{3/4, −3/4, 0}; the same response twice has ℓ = 1/2 = b and moves nothing. Over
        // seeds both happen (distinct with probability 2/3), so a learner that never moves fails.
        int moved = 0;
        for (ulong seed = 0; seed < 12; seed++)
        {
            var half = CentredLogitsAfterOneStep(seed, baseline: 0.5);
            Assert.True(half.SequenceEqual([-0.3, 0, 0.3]) || half.SequenceEqual([0, 0, 0]), $"seed {seed}: {string.Join(",", half)}");
            moved += half[0] < 0 ? 1 : 0;
        }
        Assert.InRange(moved, 4, 11);
    }

    private static double[] CentredLogitsAfterOneStep(ulong seed, double baseline)
    {
        // From uniform, the exploration mixture is uniform too, so γ changes neither the draws' law nor the weights.
        var shared = new SelfPlayOptions { Samples = SampleCount.Of(2), Eta = 0.4, Baseline = baseline };
        var rebel = Play.Create("rebel", GameSource.Load("rps"), 1, seed: seed, shared: shared, options: new RebelOptions { Estimator = RebelEstimator.ImportanceWeighted });
        rebel.Step();
        var logits = rebel.Current[0].Map(Math.Log).ToArray();
        double mean = logits.Average();
        return logits.Select(l => Math.Round(l - mean, 12)).OrderBy(l => l).ToArray();
    }

    [Fact]
    public void OneSampledStepMovesSampledLogitsByEtaTimesCentredWinRates()
    {
        // Leave-one-out, K = 2 on rps (win = 1): the two samples y, y′ give r̂(y) = P(y ≻ y′); the minimum-norm solution
        // moves their logits by ±η (r̂(y) − r̂(y′))/2 and leaves the third logit, so the new policy is known in closed form.
        var game = GameSource.Load("rps");
        int moved = 0;
        for (ulong seed = 0; seed < 12; seed++)
        {
            var rebel = (RebelAlgorithm)Play.Create("rebel", game, 1, seed: seed, shared: new SelfPlayOptions { Samples = SampleCount.Of(2), Eta = 0.4 }, options: new RebelOptions { Ridge = 0, Estimator = RebelEstimator.LeaveOneOut });
            var m = rebel.Step();
            var pi = rebel.Current[0];
            // Whatever pair was drawn, the logits are a permutation of {+0.2, −0.2, 0} (distinct responses: a win of 1 vs 0)
            // or all zero (the same response twice). Recover the logits from the policy and check the multiset.
            var logits = pi.Map(p => Math.Log(p) - Math.Log(pi.Sum() / 3)).ToArray();
            double mean = logits.Average();
            var centred = logits.Select(l => Math.Round(l - mean, 12)).OrderBy(l => l).ToArray();
            Assert.True(centred.SequenceEqual([-0.2, 0, 0.2]) || centred.SequenceEqual([0, 0, 0]), $"seed {seed}: {string.Join(",", centred)}");
            moved += centred[0] < 0 ? 1 : 0;
            Assert.Equal(1, m.Extra.Single(e => e.Key == "oracle_queries").Value);
            Assert.Equal(2, m.Extra.Single(e => e.Key == "samples").Value);
        }
        // Distinct pairs (probability 2/3) happen among the seeds: a learner that never moves fails.
        Assert.InRange(moved, 4, 11);
    }

    [Fact]
    public void LogLinearWithOneHotFeaturesMatchesTabular()
    {
        var basis = GameSource.Load("weighted-rps:margins=1/3/3,strength=1").Contexts[0];
        var oneHot = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(3);
        var game = TabularGame.Single("one-hot", new GameContext("x0", 1, basis.Responses, basis.Preference, oneHot));
        var shared = new SelfPlayOptions { Samples = SampleCount.Of(3), Feedback = FeedbackKind.Bernoulli };
        var tabular = Play.Create("rebel", game, 50, seed: 3, shared: shared);
        var logLinear = Play.Create("rebel", game, 50, seed: 3, shared: shared with { Policy = PolicyKind.LogLinear });
        Play.Run(tabular, 50);
        Play.Run(logLinear, 50);
        Play.AssertClose(tabular.Current[0], logLinear.Current[0], 1e-9);
    }

    [Fact]
    public void AdamWApproachesTheExactSolution()
    {
        // Enough epochs of AdamW reach the least-squares minimiser, so the policy follows mirror descent closely.
        var game = GameSource.Load("weighted-rps:margins=1/3/3,strength=1");
        var shared = AllExact with { Eta = 0.2, Fit = FitMethod.AdamW, Epochs = 200, Batch = 3, LearningRate = 0.02 };
        var adam = Play.Create("rebel", game, 20, shared: shared);
        var md = Play.Create("mirror-descent", game, 20, shared: new SelfPlayOptions { Eta = 0.2 });
        var m = Play.Run(adam, 20);
        Play.Run(md, 20);
        Play.AssertClose(md.Current[0], adam.Current[0], 2e-3);
        Assert.True(m.Extra.Single(e => e.Key == "r2").Value > 0.99);
    }

    // Issue 4 §9(b), for the leave-one-out estimator (the default before issue 9). Measured (5 seeds, T = 5000, K = 4, exact LS), exact / Bernoulli feedback: condorcet
    // 0.0370 / 0.0444; bt-mixture (random layout, the default) 0.0241 / 0.0240; bt-mixture:layout=cyclic (no
    // Condorcet winner) 0.0212 / 0.0218. The bound 0.05 is the issue's.
    [Theory]
    [InlineData("condorcet", FeedbackKind.Exact)]
    [InlineData("condorcet", FeedbackKind.Bernoulli)]
    [InlineData("bt-mixture:layout=random", FeedbackKind.Exact)]
    [InlineData("bt-mixture:layout=random", FeedbackKind.Bernoulli)]
    [InlineData("bt-mixture:layout=cyclic", FeedbackKind.Exact)]
    [InlineData("bt-mixture:layout=cyclic", FeedbackKind.Bernoulli)]
    public void FromFourSamplesTheAverageIterateGapIsSmallAfter5000Iterations(string game, FeedbackKind feedback)
    {
        double mean = MeanAverageGap(game, 4, feedback);
        Assert.InRange(mean, 0, 0.05);
    }

    // The leave-one-out estimator's bias shrinks with K (the importance-weighted one has none; at T = 5000 its gap is
    // already near exact mirror descent's for every K, see SampledConvergenceTests). Measured means over 5 seeds (T = 5000), K = 2/4/8/16: bt-mixture exact 0.0338/0.0241/0.0185/0.0156,
    // Bernoulli 0.0333/0.0240/0.0184/0.0157; layout=cyclic Bernoulli 0.0340/0.0218/0.0171/0.0145; condorcet exact
    // 0.0337/0.0370/0.0091/0.0093, Bernoulli 0.0521/0.0444/0.0067/0.0093. On condorcet (3 responses, one with
    // minimax mass 1/9) K = 2 is not worse than K = 4 and K = 16 not better than K = 8 (both at the noise level
    // of 5 seeds), so its trend is asserted from 4 to 8.
    [Theory]
    [InlineData("bt-mixture:layout=random", FeedbackKind.Exact, new[] { 2, 4, 8, 16 })]
    [InlineData("bt-mixture:layout=random", FeedbackKind.Bernoulli, new[] { 2, 4, 8 })]
    [InlineData("bt-mixture:layout=cyclic", FeedbackKind.Bernoulli, new[] { 2, 4, 8 })]
    [InlineData("condorcet", FeedbackKind.Exact, new[] { 4, 8 })]
    [InlineData("condorcet", FeedbackKind.Bernoulli, new[] { 4, 8 })]
    public void TheGapFallsAsTheNumberOfSamplesGrows(string game, FeedbackKind feedback, int[] samples)
    {
        var gaps = samples.Select(k => MeanAverageGap(game, k, feedback)).ToArray();
        for (int i = 1; i < gaps.Length; i++)
            Assert.True(gaps[i] < gaps[i - 1] - 0.001, $"K = {samples[i]}: {gaps[i]:F4} is not below K = {samples[i - 1]}: {gaps[i - 1]:F4}");
    }

    private static double MeanAverageGap(string game, int k, FeedbackKind feedback) =>
        Enumerable.Range(0, 5).Average(seed =>
            Play.Run("rebel", game, 5000, (ulong)seed, new SelfPlayOptions { Samples = SampleCount.Of(k), Feedback = feedback }, new RebelOptions { Estimator = RebelEstimator.LeaveOneOut }).DualityGapAverage);

    [Fact]
    public void AnIterationAllocatesNothingPerContext()
    {
        // Issue 4 §10: buffers are sized once. Measured 377 bytes per iteration (the metrics record) at 1,000 and
        // at 10,000 contexts; a single allocation per context would cost ≥ 24 kB here.
        var rebel = Play.Create("rebel", GameSource.Load("contextual:family=random,contexts=1000,n=16"), shared: new SelfPlayOptions { Eta = 0.1 });
        Play.Run(rebel, 2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Play.Run(rebel, 3);
        Assert.InRange((GC.GetAllocatedBytesForCurrentThread() - before) / 3, 0, 4096);
    }

    [Fact]
    public void LogLinearNeedsFeatures()
    {
        var e = Assert.Throws<GameValidationException>(() => Play.Create("rebel", GameSource.Load("rps"), shared: new SelfPlayOptions { Policy = PolicyKind.LogLinear }));
        Assert.Contains("context 'x0'", e.Message, StringComparison.Ordinal);
    }
}
