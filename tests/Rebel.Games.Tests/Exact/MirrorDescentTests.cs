using Rebel.Games.Exact;
using Rebel.Games.Linear;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Exact;

// ComputeThreads.Limit is process-wide: the classes that set it run one at a time.
[Collection(nameof(ComputeThreads))]
public class MirrorDescentTests
{
    [Fact]
    public void AverageIterateOnRpsApproachesUniformWhileLastIterateDoesNotStart()
    {
        var game = GameZoo.Create("rps");
        var start = new TabularPolicy([MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([0.6, 0.3, 0.1])]);
        int horizon = 2000;
        var md = new MirrorDescent(game, MirrorDescent.TunedEta(game, horizon), start);
        MirrorDescentStep last = default;
        for (int t = 0; t < horizon; t++)
            last = md.Step();
        Assert.Equal(horizon, last.Iteration);
        // Hedge bound on the average iterate: DG ≤ sqrt(2 ln n / T).
        Assert.InRange(last.DualityGapAverage, 0, Math.Sqrt(2 * Math.Log(3) / horizon));
        Assert.Equal(last.DualityGapAverage, DualityGap.Of(game, md.Average), 12);
        Assert.Equal(2 * last.AverageRegret, last.DualityGapAverage, 12);
    }

    [Fact]
    public void StepsMatchANaiveHedgeReferenceAcrossContexts()
    {
        var game = new TabularGame("g", [Renamed(RandomSkewGame.Create(5, 1), 0), Renamed(RandomSkewGame.Create(17, 2).WithWeight(3), 1)]);
        double eta = 0.7;
        var md = new MirrorDescent(game, eta);
        var reference = game.Contexts.Select(c => Enumerable.Repeat(1.0 / c.Count, c.Count).ToArray()).ToArray();
        for (int t = 0; t < 60; t++)
        {
            md.Step();
            for (int c = 0; c < reference.Length; c++)
            {
                var p = game.Contexts[c].Preference;
                var pi = reference[c];
                var next = Enumerable.Range(0, pi.Length).Select(i => pi[i] * Math.Exp(eta * Enumerable.Range(0, pi.Length).Sum(j => p[i, j] * pi[j]))).ToArray();
                double z = next.Sum();
                reference[c] = next.Select(v => v / z).ToArray();
            }
        }
        var current = md.Current;
        for (int c = 0; c < reference.Length; c++)
            for (int i = 0; i < reference[c].Length; i++)
                Assert.Equal(reference[c][i], current[c][i], 1e-12);
    }

    [Fact]
    public void Float32StorageStaysWithinTheRoundingBound()
    {
        var game = TabularGame.Single("g", RandomSkewGame.Create(64, 3));
        double eta = 0.5;
        int horizon = 200;
        var exact = new MirrorDescent(game, eta);
        var single = new MirrorDescent(game, eta, null, PreferenceStorage.Float32);
        for (int t = 0; t < horizon; t++)
        {
            exact.Step();
            single.Step();
        }
        // Rounding P perturbs every win rate by at most max |P32 − P|, and summing in float32 over eight columns by at
        // most 9u more (u = 2⁻²⁴, win rates ≤ 1): ε in all. Each log-probability moves by at most η ε per step before
        // normalisation and 2 η ε after; probabilities (≤ 1) move by no more than their logs.
        double epsilon = game.Contexts[0].PreferenceValues.Max(v => Math.Abs((float)v - v)) + 9 * Math.Pow(2, -24);
        double bound = 2 * eta * epsilon * horizon;
        var a = exact.Current[0];
        var b = single.Current[0];
        Assert.True(epsilon > 0);
        for (int i = 0; i < a.Count; i++)
            Assert.Equal(a[i], b[i], bound);
    }

    [Fact]
    public void StepMetricsMatchAnIndependentRecomputationOnEqualSizedContexts()
    {
        var game = new TabularGame("g", Enumerable.Range(0, 5).Select(c => Renamed(RandomSkewGame.Create(16, 10 + c).WithWeight(1 + c), c)).ToArray());
        var md = new MirrorDescent(game, 0.9);
        for (int t = 1; t <= 12; t++)
        {
            var beforeLog = md.CurrentLog;
            var step = md.Step();
            var after = md.CurrentLog;
            double kl = 0, entropy = 0;
            for (int c = 0; c < game.Contexts.Count; c++)
                for (int i = 0; i < after[c].Length; i++)
                {
                    double q = Math.Exp(after[c][i]);
                    kl += game.Contexts[c].Weight * q * (after[c][i] - beforeLog[c][i]);
                    entropy -= game.Contexts[c].Weight * q * after[c][i];
                }
            Assert.Equal(t, step.Iteration);
            // The gap of the iterate the step reached, π_t (the one Current returns and the KL and entropy are of).
            Assert.Equal(DualityGap.Of(game, md.Current), step.DualityGapLast, 1e-12);
            Assert.Equal(md.Regret.AverageDualityGap, step.DualityGapAverage);
            Assert.Equal(md.Regret.AverageRegret, step.AverageRegret);
            Assert.Equal(DualityGap.Of(game, md.Average), step.DualityGapAverage, 1e-12);
            Assert.Equal(kl, step.KlStep, 1e-12);
            Assert.Equal(entropy, step.Entropy, 1e-12);
        }
    }

    // The state's logs are known up to a constant per context: normalised here, independently of the library.
    private static double[][] LogProbabilities(double[][] logs) =>
        [.. logs.Select(u =>
        {
            double top = u.Max();
            double z = top + Math.Log(u.Sum(v => Math.Exp(v - top)));
            return u.Select(v => v - z).ToArray();
        })];

    [Fact]
    public void TheStateIsTheLogPolicyUpToAConstantWithLargestEntryZero()
    {
        var game = new TabularGame("g", [Renamed(RandomSkewGame.Create(9, 2), 0), Renamed(RandomSkewGame.Create(5, 3), 1)]);
        var md = new MirrorDescent(game, 0.7);
        for (int t = 0; t < 4; t++)
            md.Step();
        var weights = md.CurrentLogWeights;
        var normalised = LogProbabilities(weights);
        var logs = md.CurrentLog;
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(0, weights[c].Max());
            for (int i = 0; i < weights[c].Length; i++)
            {
                Assert.Equal(normalised[c][i], logs[c][i], 1e-14);
                Assert.Equal(Math.Exp(normalised[c][i]), md.Current[c][i], 1e-15);
            }
        }
    }

    [Theory]
    [InlineData(PreferenceStorage.Float64)]
    [InlineData(PreferenceStorage.Float32)]
    public void ARestoredRunContinuesBitForBit(PreferenceStorage storage)
    {
        var game = new TabularGame("g", [Renamed(RandomSkewGame.Create(16, 4), 0), Renamed(RandomSkewGame.Create(7, 5), 1)]);
        var original = new MirrorDescent(game, 0.8, null, storage);
        for (int t = 0; t < 9; t++)
            original.Step();
        var (winRates, policy, played) = original.Regret.Sums;
        var restored = new MirrorDescent(game, 0.8, null, storage);
        restored.Restore(original.CurrentLogWeights, original.Iteration, winRates, policy, played);
        for (int t = 0; t < 6; t++)
            Assert.Equal(original.Step(), restored.Step());
        Assert.Equal(original.CurrentLogWeights, restored.CurrentLogWeights);
        for (int c = 0; c < 2; c++)
            Assert.Equal(original.Current[c].ToArray(), restored.Current[c].ToArray());
    }

    [Theory]
    [InlineData(PreferenceStorage.Float64, 300, 24)]
    [InlineData(PreferenceStorage.Float32, 300, 24)]
    [InlineData(PreferenceStorage.Float64, 1, 420)]
    [InlineData(PreferenceStorage.Float32, 1, 613)]
    public void ThreadsDoNotChangeASingleBit(PreferenceStorage storage, int contexts, int n)
    {
        var game = new TabularGame("g", Enumerable.Range(0, contexts).Select(c => Renamed(RandomSkewGame.Create(n, c).WithWeight(1 + c % 3), c)).ToArray());
        int limit = ComputeThreads.Limit;
        try
        {
            ComputeThreads.Limit = 1;
            var one = new MirrorDescent(game, 0.7, null, storage);
            ComputeThreads.Limit = 3;
            var many = new MirrorDescent(game, 0.7, null, storage);
            for (int t = 0; t < 5; t++)
            {
                ComputeThreads.Limit = 1;
                var a = one.Step();
                ComputeThreads.Limit = 3;
                Assert.Equal(a, many.Step());
            }
            Assert.Equal(one.CurrentLog, many.CurrentLog);
            Assert.Equal(one.Regret.Sums.Policy, many.Regret.Sums.Policy);
        }
        finally
        {
            ComputeThreads.Limit = limit;
        }
    }

    [Theory]
    [InlineData(PreferenceStorage.Float64, 1)]
    [InlineData(PreferenceStorage.Float64, 3)]
    [InlineData(PreferenceStorage.Float32, 3)]
    public void ContextsSteppedTogetherMatchEachContextAlone(PreferenceStorage storage, int threads)
    {
        // Sizes 16..40 and a count that leaves partial batches and uneven thread blocks, each context's step run phase
        // by phase beside its neighbours must be its own step, bit for bit.
        var contexts = Enumerable.Range(0, 401).Select(c => Renamed(RandomSkewGame.Create(16 + c * 7 % 25, c), c)).ToArray();
        var game = new TabularGame("g", contexts);
        int bytes = storage == PreferenceStorage.Float32 ? sizeof(float) : sizeof(double);
        Assert.True(contexts.Sum(c => (long)c.Count * c.Count) * bytes >= RowBlocks.ParallelBytes, "large enough to be threaded over contexts");
        int limit = ComputeThreads.Limit;
        try
        {
            ComputeThreads.Limit = threads;
            var together = new MirrorDescent(game, 0.7, null, storage);
            var alone = contexts.Select(c => new MirrorDescent(TabularGame.Single("g", c), 0.7, null, storage)).ToArray();
            for (int t = 0; t < 4; t++)
            {
                together.Step();
                foreach (var md in alone)
                    md.Step();
                for (int c = 0; c < contexts.Length; c++)
                    Assert.Equal(alone[c].ContextSteps[0], together.ContextSteps[c]);
            }
            var logs = together.CurrentLogWeights;
            for (int c = 0; c < contexts.Length; c++)
            {
                Assert.Equal(alone[c].CurrentLogWeights[0], logs[c]);
                Assert.Equal(alone[c].Regret.Sums.Policy[0], together.Regret.Sums.Policy[c]);
            }
        }
        finally
        {
            ComputeThreads.Limit = limit;
        }
    }

    [Fact]
    public void RestoreRefusesSumsOfTheWrongShape()
    {
        var game = new TabularGame("g", [Renamed(RandomSkewGame.Create(4, 4), 0), Renamed(RandomSkewGame.Create(3, 5), 1)]);
        var md = new MirrorDescent(game, 0.8);
        var error = Assert.Throws<ArgumentException>(() => md.Restore([new double[4], new double[4]], 1, [new double[4], new double[3]], [new double[4], new double[3]], new double[2]));
        Assert.Contains("logPolicy[1]", error.Message, StringComparison.Ordinal);
    }

    private static GameContext Renamed(GameContext c, int i) =>
        new("x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Weight, c.Responses, c.Preference);
}
