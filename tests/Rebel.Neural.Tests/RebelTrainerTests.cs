using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Games.Sequence;
using Rebel.Games.Zoo;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Tests;
using Xunit.Abstractions;

namespace Rebel.Neural.Tests;

public class RebelTrainerTests(ITestOutputHelper output)
{
    // The seq-majority game of a test, with the shim loaded and libtorch on one thread (bit-reproducible).
    private static SequenceGame Game(string spec)
    {
        NativeShim.Ensure();
        Torch.Torch.Threads = 1;
        var family = new SequenceMajority();
        return family.CreateSequenceGame(GameSpec.Parse(spec, family));
    }

    // The exploration mixture end to end, through the trainer's own rollout: the responses' histogram is
    // μ = (1 − γ)π + γ/n (uniform over the n = V^L sequences), and reweighted by the trainer's π/μ it is π
    // (E_μ[w 1{y = s}] = π(s)), each sequence within 4.5 standard errors over 6,000 draws. π is first made peaked (a
    // transitive game, 20 steps), so that μ is far from it: unweighted, the histogram misses π(top) by ≫ 4.5 SE.
    [Fact]
    public void ExplorationDrawsFromTheMixtureAndItsWeightsRecoverThePolicy()
    {
        var game = Game("seq-majority:vocab=3,length=2,annotators=1,seed=1");
        using var init = new Generator(2);
        using var policy = new TransformerPolicy(new TransformerConfig(Vocab: 3, Context: 3, DModel: 16, Layers: 1, Heads: 2), init, Device.Cpu);
        using (var warm = new RebelTrainer(policy, game, new RebelOptions(Prompts: 16, Optimizer: new Rebel.Torch.Optim.AdamWOptions(Lr: 3e-2, WeightDecay: 0)), seed: 1))
            for (var t = 0; t < 20; t++) warm.Step();
        var pi = SequencePolicy.Probabilities(policy, game.Space, [0L]);
        int n = pi.Length, top = Array.IndexOf(pi, pi.Max());
        const double gamma = 0.5;
        var mu = pi.Select(p => (1 - gamma) * p + gamma / n).ToArray();
        Assert.True(pi[top] - mu[top] > 0.1, $"π(top) {pi[top]}: too close to μ to tell the weights from none");
        const int groups = 1500, k = 4, rows = groups * k;
        using var trainer = new RebelTrainer(policy, game, new RebelOptions(Prompts: groups, SamplesPerPrompt: k, Estimator: Rebel.Preference.RebelEstimator.ImportanceWeighted, Explore: gamma), seed: 3);
        using var scope = new DisposeScope();
        var (_, tokens, _, weights) = trainer.Rollout(PromptSet.Of(game).Batch(new int[groups], k, Device.Cpu), Enumerable.Range(0, groups).ToArray(), new Rebel.Games.Randomness.SeededRandom(7));
        var drawn = Enumerable.Range(0, rows).Select(i => game.Space.Index(tokens.AsSpan(i * game.Space.Length, game.Space.Length))).ToArray();
        for (var s = 0; s < n; s++)
        {
            double frequency = drawn.Count(y => y == s) / (double)rows;
            Assert.InRange(frequency, mu[s] - 4.5 * Math.Sqrt(mu[s] * (1 - mu[s]) / rows), mu[s] + 4.5 * Math.Sqrt(mu[s] * (1 - mu[s]) / rows));
            var terms = drawn.Select((y, i) => y == s ? weights![i] : 0).ToArray();
            double mean = terms.Average(), se = Math.Sqrt(terms.Sum(v => (v - mean) * (v - mean)) / (rows - 1) / rows);
            Assert.InRange(pi[s], mean - 4.5 * se, mean + 4.5 * se);
            // Every weight is π(y)/μ(y) of the sequence drawn.
            Assert.All(Enumerable.Range(0, rows).Where(i => drawn[i] == s), i => Assert.Equal(pi[s] / mu[s], weights![i], 3));
        }
    }

    // The game has Condorcet cycles, so the last iterate of mirror descent cycles (measured: DG(π_t) wanders
    // between 0.32 and 0.95); the theory bounds the average iterate. Measured on one libtorch thread with these
    // seeds: DG(π_0) = 0.792, DG(π̄_40) = 0.257; seeds 2, 3, 4 (init and trainer) gave 0.237, 0.241, 0.287 from
    // DG(π_0) ≈ 0.75–0.77. Another CPU's rounding changes the trajectory like a new seed, hence the bound 0.40.
    [Fact]
    public void DrivesTheExactDualityGapOfTheAverageIterateDown()
    {
        var game = Game("seq-majority:vocab=3,length=3,annotators=3,seed=1");
        using var init = new Generator(1);
        using var policy = new TransformerPolicy(new TransformerConfig(Vocab: 3, Context: 4, DModel: 32, Layers: 1, Heads: 2), init, Device.Cpu);
        using var trainer = new RebelTrainer(policy, game, new RebelOptions(Prompts: 32, SamplesPerPrompt: 4, Epochs: 2, MinibatchPrompts: 8, Objective: new Rebel.Preference.Objectives.RebelObjective(1)), seed: 1);
        var sum = new double[game.Space.Count];
        double Gap(double[] p) => DualityGap.Of(game.Game, new TabularPolicy([Vector<double>.Build.Dense(p)]));
        var initial = Gap(SequencePolicy.Probabilities(policy, game.Space, [0L]));
        output.WriteLine($"DG(π_0) = {initial}");
        const int T = 40;
        for (var t = 0; t < T; t++)
        {
            var p = SequencePolicy.Probabilities(policy, game.Space, [0L]);
            for (var i = 0; i < sum.Length; i++) sum[i] += p[i] / T;
            var it = trainer.Step();
            if (t % 5 == 4) output.WriteLine($"t={t + 1} loss={it.Loss:F4} DG(last)={Gap(p):F4} DG(avg so far)={Gap(sum.Select(x => x * T / (t + 1)).ToArray()):F4}");
        }
        var average = Gap(sum);
        output.WriteLine($"DG(avg) = {average}");
        Assert.True(average < 0.40, $"DG(π_0) {initial} → DG(π̄) {average}");
    }

    [Fact]
    public void ACheckpointResumesTheRunBitForBit()
    {
        var game = Game("seq-majority:vocab=3,length=3,annotators=3,seed=1");
        var config = new TransformerConfig(Vocab: 3, Context: 4, DModel: 16, Layers: 1, Heads: 2);
        var options = new RebelOptions(Prompts: 8, SamplesPerPrompt: 4, Epochs: 1, MinibatchPrompts: 4);
        var directory = Path.Combine(Path.GetTempPath(), $"rebel-ckpt-{Guid.NewGuid():N}");
        float[][] Run(bool resume)
        {
            using var g = new Generator(1);
            var policy = new TransformerPolicy(config, g, Device.Cpu);
            var trainer = new RebelTrainer(policy, game, options, seed: 5);
            for (var t = 0; t < 2; t++) trainer.Step();
            if (resume)
            {
                trainer.SaveCheckpoint(directory);
                trainer.Dispose();
                policy.Dispose();
                using var other = new Generator(99);
                policy = new TransformerPolicy(config, other, Device.Cpu);
                trainer = new RebelTrainer(policy, game, options, seed: 5);
                trainer.LoadCheckpoint(directory);
                Assert.Equal(2, trainer.Iteration);
            }
            for (var t = 0; t < 2; t++) trainer.Step();
            var values = policy.Parameters().Select(p => p.ToArray<float>()).ToArray();
            trainer.Dispose();
            policy.Dispose();
            return values;
        }
        try
        {
            Assert.Equal(Run(resume: false), Run(resume: true));
        }
        finally { Directory.Delete(directory, recursive: true); }
    }
}
