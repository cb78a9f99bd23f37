using Rebel.Torch;
using Rebel.Torch.Models;

namespace Rebel.Neural.Evaluation;

/// <summary>
/// The win rate of a policy against a reference, <c>W(π, π_ref) = Σ_x w_x E_{y∼π(·|x), y′∼π_ref(·|x)} P(y ≻ y′ | x)</c>,
/// estimated from M generated pairs per prompt for response sets too large to enumerate: each pair is one response
/// of each policy, independent of every other pair, so the mean of P over the pairs is unbiased for the prompt's win
/// rate and its sample variance over M gives a 95% normal interval (<see cref="GapEstimate"/>: value and half-width).
/// </summary>
public static class WinRateEstimator
{
    /// <summary>The estimated win rate of <paramref name="policy"/> against <paramref name="reference"/> with <paramref name="samples"/> = M pairs per prompt.</summary>
    /// <param name="policy">The policy π.</param>
    /// <param name="reference">The reference π_ref (same vocabulary and prompts).</param>
    /// <param name="prompts">The prompts and their weights.</param>
    /// <param name="length">Response tokens L.</param>
    /// <param name="responseVocab">Response ids V (the first of the policies' vocabulary).</param>
    /// <param name="oracle">P(y ≻ y′ | x).</param>
    /// <param name="samples">M ≥ 2.</param>
    /// <param name="seed">Seed of the draws (one generator, π's responses first, then π_ref's, prompt by prompt).</param>
    /// <exception cref="ArgumentException">M is below 2.</exception>
    public static GapEstimate Estimate(TransformerPolicy policy, TransformerPolicy reference, PromptSet prompts, int length, int responseVocab, PromptOracle oracle, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(oracle);
        if (samples < 2) throw new ArgumentException($"samples {samples}: must be ≥ 2 (a variance needs two pairs)");
        using var generator = new Generator(seed, policy.Device.Type == DeviceType.Cuda ? policy.Device : null);
        double rate = 0, variance = 0;
        for (var x = 0; x < prompts.Count; x++)
        {
            var ys = Draw(policy, prompts, x, length, responseVocab, samples, generator);
            var opponents = Draw(reference, prompts, x, length, responseVocab, samples, generator);
            double mean = 0, square = 0;
            for (var i = 0; i < samples; i++)
            {
                var p = oracle(x, ys.AsSpan(i * length, length), opponents.AsSpan(i * length, length));
                mean += p / samples;
                square += p * p / samples;
            }
            var w = prompts.Weights[x];
            rate += w * mean;
            variance += w * w * Math.Max(0, square - mean * mean) / (samples - 1);
        }
        return new GapEstimate(rate, 1.96 * Math.Sqrt(variance));
    }

    private static long[] Draw(TransformerPolicy policy, PromptSet prompts, int x, int length, int responseVocab, int samples, Generator generator)
    {
        using var scope = new DisposeScope();
        return policy.Sample(prompts.Batch([x], samples, policy.Device), length, 1.0, generator, responseVocab).To(Device.Cpu).ToArray<long>();
    }
}
