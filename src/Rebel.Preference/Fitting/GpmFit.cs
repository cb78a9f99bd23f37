using Rebel.Games.Randomness;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Oracles;
using Rebel.Preference.Regression;

namespace Rebel.Preference.Fitting;

/// <summary>
/// Fits GPM embeddings to one context's comparisons by maximum likelihood: maximise
/// <c>Σ [p ln σ(s_ab) + (1 − p) ln σ(−s_ab)] − (λ/2) Σ ‖v‖²</c> with <c>s_ab = v_aᵀ R v_b</c>, by full-batch Adam from
/// small seeded random embeddings. Non-convex, so the result depends on the seed; the fitted probabilities, not
/// the embeddings, are what the saved game keeps.
/// </summary>
public static class GpmFit
{
    /// <summary>Fits <paramref name="responses"/> embeddings to comparisons (a, b, p) of one context.</summary>
    public static double[][] Fit(int responses, IReadOnlyList<(int A, int B, double P)> comparisons, PreferenceFitOptions options, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        int d = options.GpmDimension;
        if (d < 2 || d % 2 != 0)
            throw new ArgumentException(FormattableString.Invariant($"GPM dimension {d} must be a positive even number"));
        var v = new double[responses][];
        for (int i = 0; i < responses; i++)
        {
            v[i] = new double[d];
            for (int k = 0; k < d; k++)
                v[i][k] = 0.1 * random.NextGaussian();
        }
        var grad = new double[responses * d];
        var adam = new AdamMoments(responses * d);
        for (int step = 1; step <= options.GpmSteps; step++)
        {
            Array.Clear(grad);
            foreach (var (a, b, p) in comparisons)
            {
                // Ascent direction of the log-likelihood: ∂/∂s = p − σ(s); ∂s/∂v_a = R v_b, ∂s/∂v_b = −R v_a.
                double g = p - LogMath.Sigmoid(GpmOracle.Score(v[a], v[b]));
                for (int k = 0; k < d; k += 2)
                {
                    grad[a * d + k] += g * v[b][k + 1];
                    grad[a * d + k + 1] -= g * v[b][k];
                    grad[b * d + k] -= g * v[a][k + 1];
                    grad[b * d + k + 1] += g * v[a][k];
                }
            }
            adam.BeginStep();
            for (int i = 0; i < responses; i++)
            {
                for (int k = 0; k < d; k++)
                {
                    int j = i * d + k;
                    v[i][k] += options.GpmLearningRate * adam.Direction(j, grad[j] - options.Ridge * v[i][k]);
                }
            }
        }
        return v;
    }
}
