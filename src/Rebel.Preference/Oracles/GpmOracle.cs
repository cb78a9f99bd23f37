using Rebel.Preference.Fitting;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference;


namespace Rebel.Preference.Oracles;

/// <summary>
/// The general preference model (GPM, the blade–chest family) from response embeddings of even dimension 2k:
/// <c>P(a ≻ b | x) = σ(v_aᵀ R v_b)</c> with <c>R</c> block-diagonal of k blocks <c>[[0, 1], [−1, 0]]</c>. R is skew,
/// so <c>P(a ≻ b) + P(b ≻ a) = 1</c> and cyclic preferences are expressible.
/// </summary>
public sealed class GpmOracle : PreferenceOracle
{
    private readonly double[][][] _embeddings;

    /// <summary>Creates the model from per context, per response embeddings, all of one even dimension.</summary>
    /// <exception cref="ArgumentException">No contexts, odd or mixed dimensions, or non-finite entries.</exception>
    public GpmOracle(IReadOnlyList<IReadOnlyList<double[]>> embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Count == 0 || embeddings.Any(c => c.Count == 0))
            throw new ArgumentException("a GPM needs at least one context, each with responses", nameof(embeddings));
        int d = embeddings[0][0].Length;
        if (d == 0 || d % 2 != 0 || embeddings.Any(c => c.Any(v => v.Length != d || !v.All(double.IsFinite))))
            throw new ArgumentException("GPM embeddings must share one even dimension and be finite", nameof(embeddings));
        Dimension = d;
        _embeddings = embeddings.Select(c => c.Select(v => (double[])v.Clone()).ToArray()).ToArray();
    }

    /// <summary>Embedding dimension 2k.</summary>
    public int Dimension { get; }

    /// <summary>The skew score <c>v_aᵀ R v_b</c>: <c>Σ_k a_{2k} b_{2k+1} − a_{2k+1} b_{2k}</c>.</summary>
    public static double Score(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int k = 0; k + 1 < a.Length; k += 2)
            s += a[k] * b[k + 1] - a[k + 1] * b[k];
        return s;
    }

    /// <inheritdoc/>
    public override int ContextCount => _embeddings.Length;

    /// <inheritdoc/>
    public override int ResponseCount(int context) => _embeddings[context].Length;

    /// <inheritdoc/>
    public override double Probability(int context, int a, int b) =>
        LogMath.Sigmoid(Score(_embeddings[context][a], _embeddings[context][b]));
}
