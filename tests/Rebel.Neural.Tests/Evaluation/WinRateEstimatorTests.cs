using Rebel.Neural.Evaluation;
using Rebel.Neural.Tests.Text;
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
        NativeShim.Ensure();
        var game = TextRpsTests.Create("text-rps:length=2");
        var prompts = PromptSet.Of(game);
        var config = new TransformerConfig(Vocab: 4, Context: prompts.Length + 2, DModel: 16, Layers: 1, Heads: 2);
        using var init = new Generator(2);
        using var reference = new TransformerPolicy(config, init, Device.Cpu);
        using var init2 = new Generator(2);
        using var policy = new TransformerPolicy(config, init2, Device.Cpu);
        TowardsRock(policy, prompts);
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
        PromptOracle oracle = (x, y, yPrime) => contexts[x].Preference[game.Space.Index(y), game.Space.Index(yPrime)];
        var covered = 0;
        for (var seed = 0UL; seed < 20; seed++)
        {
            var estimate = WinRateEstimator.Estimate(policy, reference, prompts, 2, 4, oracle, 64, seed);
            Assert.InRange(estimate.HalfWidth, 0.005, 0.15);
            if (Math.Abs(estimate.Value - exact) <= estimate.HalfWidth) covered++;
            output.WriteLine($"exact {exact:F4}, estimate {estimate.Value:F4} ± {estimate.HalfWidth:F4}");
        }
        // 95% intervals: fewer than 16 of 20 has probability 0.016 when the coverage is right.
        Assert.True(covered >= 16, $"{covered} of 20 intervals cover the exact win rate {exact}");
    }

    // A few AdamW steps on the log-probability of "rock rock" after every prompt.
    private static void TowardsRock(TransformerPolicy policy, PromptSet prompts)
    {
        using var optimizer = new AdamW(policy.Parameters(), new AdamWOptions(Lr: 0.05));
        for (var step = 0; step < 4; step++)
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
