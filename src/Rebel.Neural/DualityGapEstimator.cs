using Rebel.Torch;
using Rebel.Torch.Models;

namespace Rebel.Neural;

/// <summary>
/// The duality gap <c>DG(π) = 2 Σ_x w_x (max_y P(y ≻ π(·|x) | x) − 1/2)</c> estimated from samples, for response sets
/// too large to enumerate. Per prompt: M opponents from π(·|x) in two halves, and 2M candidates (M from π(·|x), M
/// uniform over the response sequences); the candidate with the best mean win rate against the first half is the
/// best response found, and its win rate against the second half — opponents it was not chosen on, so no winner's
/// curse — gives the prompt's gap and its variance. The estimate is thus of the gap against the best response
/// <em>found</em>: a lower estimate of the exact DG (equal to it when a best response is among the candidates), with a
/// 95% normal interval over the opponents.
/// </summary>
public static class DualityGapEstimator
{
    /// <summary>The estimated gap of <paramref name="policy"/> over <paramref name="prompts"/> with <paramref name="samples"/> = M opponents per prompt.</summary>
    /// <param name="policy">The policy π.</param>
    /// <param name="prompts">The prompts and their weights.</param>
    /// <param name="length">Response tokens L.</param>
    /// <param name="responseVocab">Response ids V (the first of the policy's vocabulary).</param>
    /// <param name="oracle">P(y ≻ y′ | x).</param>
    /// <param name="samples">M ≥ 4, even.</param>
    /// <param name="seed">Seed of the opponents and candidates.</param>
    /// <exception cref="ArgumentException">M is not an even number ≥ 4.</exception>
    public static GapEstimate Estimate(TransformerPolicy policy, PromptSet prompts, int length, int responseVocab, ISequenceOracle oracle, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(oracle);
        if (samples < 4 || samples % 2 != 0) throw new ArgumentException($"EstimateSamples {samples}: must be an even number ≥ 4");
        using var generator = new Generator(seed, policy.Device.Type == DeviceType.Cuda ? policy.Device : null);
        var uniform = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        double gap = 0, variance = 0;
        var half = samples / 2;
        for (var x = 0; x < prompts.Count; x++)
        {
            long[] drawn;
            using (var scope = new DisposeScope())
                drawn = policy.Sample(prompts.Batch([x], 2 * samples, policy.Device), length, 1.0, generator, responseVocab).To(Device.Cpu).ToArray<long>();
            // Rows 0..M−1 are opponents, M..2M−1 candidates from π; then M uniform candidates.
            var candidates = new long[2 * samples][];
            for (var c = 0; c < samples; c++) candidates[c] = drawn.AsSpan((samples + c) * length, length).ToArray();
            for (var c = samples; c < 2 * samples; c++)
                candidates[c] = Enumerable.Range(0, length).Select(_ => (long)uniform.Next(responseVocab)).ToArray();
            var (mean, sampleVariance) = HeldOutBest(x, candidates, drawn, samples, length, oracle);
            var w = prompts.Weights[x];
            gap += w * 2 * (mean - 0.5);
            variance += w * w * 4 * sampleVariance / half;
        }
        return new GapEstimate(gap, 1.96 * Math.Sqrt(variance));
    }

    /// <summary>
    /// The candidate with the best mean win rate against the first half of the M opponents (rows of
    /// <paramref name="opponents"/>, L tokens each), and its mean win rate and sample variance against the second half:
    /// opponents it was not chosen on, so the mean is unbiased for the chosen candidate's win rate.
    /// </summary>
    internal static (double Mean, double SampleVariance) HeldOutBest(int prompt, IReadOnlyList<long[]> candidates, long[] opponents, int samples, int length, ISequenceOracle oracle)
    {
        var half = samples / 2;
        var opponent = Evaluation.PromptDraws.Indices(oracle, prompt, opponents.AsSpan(0, samples * length), length);
        var candidate = candidates.Select(c => oracle.Index(prompt, c)).ToArray();
        // Every candidate against the first half in one batch, then the chosen one against the second: two requests for a judge.
        var (a, b) = (new int[candidate.Length * half], new int[candidate.Length * half]);
        for (var c = 0; c < candidate.Length; c++)
            for (var o = 0; o < half; o++)
                (a[c * half + o], b[c * half + o]) = (candidate[c], opponent[o]);
        var first = new double[a.Length];
        oracle.Probabilities(prompt, a, b, first);
        var best = 0;
        var bestRate = double.NegativeInfinity;
        for (var c = 0; c < candidate.Length; c++)
        {
            double sum = 0;
            for (var o = 0; o < half; o++) sum += first[c * half + o];
            if (sum > bestRate) (best, bestRate) = (c, sum);
        }
        var second = new double[half];
        oracle.Probabilities(prompt, Enumerable.Repeat(candidate[best], half).ToArray(), opponent[half..], second);
        double mean = 0, square = 0;
        foreach (var p in second)
        {
            mean += p / half;
            square += p * p / half;
        }
        return (mean, Math.Max(0, square - mean * mean) * half / (half - 1));
    }
}
