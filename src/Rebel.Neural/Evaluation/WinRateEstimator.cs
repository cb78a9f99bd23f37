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
    public static GapEstimate Estimate(TransformerPolicy policy, TransformerPolicy reference, PromptSet prompts, int length, int responseVocab, ISequenceOracle oracle, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(oracle);
        if (samples < 2) throw new ArgumentException($"samples {samples}: must be ≥ 2 (a variance needs two pairs)");
        using var generator = new Generator(seed, policy.Device.Type == DeviceType.Cuda ? policy.Device : null);
        var rate = new WeightedMean();
        var p = new double[samples];
        for (var x = 0; x < prompts.Count; x++)
        {
            var ys = PromptDraws.Responses(policy, prompts, x, length, responseVocab, samples, generator);
            var opponents = PromptDraws.Responses(reference, prompts, x, length, responseVocab, samples, generator);
            // The prompt's M pairs in one batch: one request for a judge.
            oracle.Probabilities(x, PromptDraws.Indices(oracle, x, ys, length), PromptDraws.Indices(oracle, x, opponents, length), p);
            rate.Add(prompts.Weights[x], p);
        }
        return rate.Estimate();
    }
}
