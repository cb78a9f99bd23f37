using Rebel.Neural.Evaluation;
using Rebel.Neural.Tests.Fixtures;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Optim;
using Rebel.Torch.Tests;

namespace Rebel.Neural.Tests.Evaluation;

public class WinRateEstimatorTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // On an enumerable game the exact win rate Σ_x w_x πᵀ P_x π_ref is known, so the interval's coverage can be counted:
    // a policy pushed towards "rock" against the untrained reference, text-rps with responses of up to 2 words.
    // Measured: exact 0.6161; 20 of 20 intervals cover it at M = 64 (estimates 0.588–0.645, half-widths 0.050–0.055).
    [Fact]
    public void TheIntervalCoversTheExactWinRateAgainstTheReference()
    {
        var (game, prompts, reference, policy) = Setup();
        using var _ = reference;
        using var __ = policy;
        var contexts = game.Game.Contexts;
        double exact = 0;
        for (var x = 0; x < prompts.Count; x++)
        {
            var pi = SequencePolicy.Probabilities(policy, game.Space, prompts.Tokens(x));
            var piRef = SequencePolicy.Probabilities(reference, game.Space, prompts.Tokens(x));
            for (var i = 0; i < pi.Length; i++)
                for (var j = 0; j < piRef.Length; j++)
                    exact += prompts.Weights[x] * pi[i] * contexts[x].Preference[i, j] * piRef[j];
        }
        Assert.True(Math.Abs(exact - 0.5) > 0.03, $"exact win rate {exact}: too close to 1/2 to tell a biased estimate from a fair one");
        var oracle = Oracle(game);
        AssertCovers(exact, "the exact win rate", seed => WinRateEstimator.Estimate(policy, reference, prompts, 2, 4, oracle, 64, seed));
    }

    [Fact]
    public void ThePoolStartsWithTheDatasResponsesThenTheReferencesDistinctSamples()
    {
        var (_, prompts, reference, policy) = Setup(steps: 1);
        using var _ = reference;
        using var __ = policy;
        var plain = Pool(reference, prompts);
        // Each prompt's data: one response the reference also draws (kept once, in the data's place) and one it may not.
        var data = plain.Select(p => (IReadOnlyList<long[]>)[p[^1], [3L, 3L], [3L, 3L]]).ToArray();
        var pool = Pool(reference, prompts, data);
        for (var x = 0; x < prompts.Count; x++)
        {
            var expected = data[x].Concat(plain[x]).DistinctBy(r => string.Join(',', r)).ToArray();
            Assert.Equal(expected.Select(r => string.Join(',', r)), pool[x].Select(r => string.Join(',', r)));
        }
        Assert.Throws<ArgumentException>(() => Pool(reference, prompts, plain.Select(_ => (IReadOnlyList<long[]>)[[1L]]).ToArray()));
    }

    // A fixed pool of 8 responses of the untrained reference per prompt exploits the rock-leaning policy; the exact
    // value is the pool's best candidate's win rate over π, from π's probabilities and the matrices.
    // Measured: exact 0.1947; 20 of 20 intervals cover it at M = 64 (estimates 0.130–0.234, half-widths 0.061–0.071).
    [Fact]
    public void TheIntervalCoversTheExactExploitabilityOfAFixedPool()
    {
        // One step only: a policy that always says "rock rock" would make every held-out outcome equal (a zero-width interval).
        var (game, prompts, reference, policy) = Setup(steps: 1);
        using var _ = reference;
        using var __ = policy;
        var contexts = game.Game.Contexts;
        var pool = Pool(reference, prompts);
        double exact = 0;
        for (var x = 0; x < prompts.Count; x++)
        {
            var pi = SequencePolicy.Probabilities(policy, game.Space, prompts.Tokens(x));
            var best = pool[x].Max(c => Enumerable.Range(0, pi.Length).Sum(j => contexts[x].Preference[game.Space.Index(c), j] * pi[j]));
            exact += prompts.Weights[x] * (best - 0.5);
        }
        Assert.True(exact > 0.05, $"exact exploitability {exact}: too small to tell a biased estimate from a fair one");
        Assert.Equal(pool.Select(p => p.Count), Pool(reference, prompts).Select(p => p.Count));
        var oracle = Oracle(game);
        AssertCovers(exact, "the exact exploitability", seed => ExploitPoolEstimator.Estimate(policy, pool, prompts, 2, 4, oracle, 64, seed));
    }

    // The pool game's minimax winner: no candidate of the pool beats it (the defining property, checked on the game's
    // own matrix, not through the solver), and the estimate of π's win rate against it covers the exact value
    // Σ_x w_x Σ_y π(y) Σ_c π*(c) P(y ≻ c) at its stated rate.
    [Fact]
    public void The_pool_games_minimax_winner_is_unbeaten_in_the_pool_and_the_win_rate_against_it_is_covered()
    {
        var (game, prompts, reference, policy) = Setup(steps: 1);
        using var _ = reference;
        using var __ = policy;
        var contexts = game.Game.Contexts;
        var pool = Pool(reference, prompts);
        var oracle = Oracle(game);
        var winners = PoolWinnerEstimator.Solve(pool, oracle);
        double exact = 0;
        for (var x = 0; x < prompts.Count; x++)
        {
            Assert.Equal(1, winners[x].Sum(), 1e-9);
            Assert.True(pool[x].Count >= 2, "a pool of one candidate would make the winner trivial");
            double P(long[] a, long[] b) => contexts[x].Preference[game.Space.Index(a), game.Space.Index(b)];
            foreach (var c in pool[x])
                Assert.True(Enumerable.Range(0, pool[x].Count).Sum(k => winners[x][k] * P(c, pool[x][k])) <= 0.5 + 1e-9, "a candidate beats the pool's minimax winner");
            var pi = SequencePolicy.Probabilities(policy, game.Space, prompts.Tokens(x));
            for (var y = 0; y < pi.Length; y++)
                for (var k = 0; k < pool[x].Count; k++)
                    exact += prompts.Weights[x] * pi[y] * winners[x][k] * contexts[x].Preference[y, game.Space.Index(pool[x][k])];
        }
        AssertCovers(exact, "the exact win rate against the pool's minimax winner", seed => PoolWinnerEstimator.Estimate(policy, pool, winners, prompts, 2, 4, oracle, 64, seed));
    }

    // Seeds 0–19 of an estimate at M = 64: each half-width in [0.005, 0.15], and at least 16 of the 20 95% intervals
    // cover the exact value (fewer than 16 of 20 has probability 0.016 when the coverage is right).
    private void AssertCovers(double exact, string what, Func<ulong, GapEstimate> estimateOf)
    {
        var covered = 0;
        for (var seed = 0UL; seed < 20; seed++)
        {
            var estimate = estimateOf(seed);
            output.WriteLine($"exact {exact:F4}, estimate {estimate.Value:F4} ± {estimate.HalfWidth:F4}");
            Assert.InRange(estimate.HalfWidth, 0.005, 0.15);
            if (Math.Abs(estimate.Value - exact) <= estimate.HalfWidth) covered++;
        }
        Assert.True(covered >= 16, $"{covered} of 20 intervals cover {what} {exact}");
    }

    // The game's own matrix as the estimators' oracle.
    private static EnumeratedSequenceOracle Oracle(Games.Sequence.SequenceGame game) => new(new Rebel.Preference.Oracles.TabularOracle(game.Game), game.Space);

    // The fixed pool of the tests: 8 draws of π_ref per prompt (responses of 2 tokens over 4 ids), after the data's responses if given.
    private static IReadOnlyList<long[]>[] Pool(TransformerPolicy reference, PromptSet prompts, IReadOnlyList<IReadOnlyList<long[]>>? data = null) =>
        ExploitPoolEstimator.Pool(reference, prompts, 2, 4, 8, seed: 3, data);

    // text-rps with responses of up to 2 words; π_ref untrained, π its twin pushed towards "rock".
    private static (Games.Sequence.SequenceGame Game, PromptSet Prompts, TransformerPolicy Reference, TransformerPolicy Policy) Setup(int steps = 4)
    {
        NativeShim.Ensure();
        var game = NeuralData.TextRps("text-rps:length=2");
        var prompts = PromptSet.Of(game);
        var config = new TransformerConfig(Vocab: 4, Context: prompts.Length + 2, DModel: 16, Layers: 1, Heads: 2);
        using var init = new Generator(2);
        var reference = new TransformerPolicy(config, init, Device.Cpu);
        using var init2 = new Generator(2);
        var policy = new TransformerPolicy(config, init2, Device.Cpu);
        TowardsRock(policy, prompts, steps);
        return (game, prompts, reference, policy);
    }

    // A few AdamW steps on the log-probability of "rock rock" after every prompt.
    private static void TowardsRock(TransformerPolicy policy, PromptSet prompts, int steps)
    {
        using var optimizer = new AdamW(policy.Parameters(), new AdamWOptions(Lr: 0.05));
        for (var step = 0; step < steps; step++)
        {
            using var scope = new DisposeScope();
            var rows = Enumerable.Range(0, prompts.Count).ToArray();
            var loss = -policy.SequenceLogProbs(prompts.Batch(rows, 1, Device.Cpu), Tensor.Full([prompts.Count, 2], 1, DType.Int64), 4).Sum();
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }
    }
}
