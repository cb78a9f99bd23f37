using Rebel.Preference.Fitting;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference;


namespace Rebel.Preference.Oracles;

/// <summary>
/// A mixture of Bradley–Terry raters: <c>P(a ≻ b | x) = Σ_k w_k σ(u_k(a) − u_k(b))</c>. Each rater is transitive, but
/// the population preference can be cyclic (a Condorcet paradox), which a single BT model cannot express.
/// </summary>
public sealed class BradleyTerryMixtureOracle : PreferenceOracle
{
    private readonly double[] _weights;
    private readonly double[][][] _utilities;

    /// <summary>Creates the mixture: rater weights (normalised) and per rater, per context utility vectors.</summary>
    /// <exception cref="ArgumentException">Weights not positive, or raters whose shapes differ.</exception>
    public BradleyTerryMixtureOracle(IReadOnlyList<double> weights, IReadOnlyList<IReadOnlyList<double[]>> utilities)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(utilities);
        if (weights.Count == 0 || weights.Count != utilities.Count || weights.Any(w => !(w > 0) || double.IsInfinity(w)))
            throw new ArgumentException("a BT mixture needs one positive finite weight per rater", nameof(weights));
        var first = utilities[0];
        if (first.Count == 0 || utilities.Any(r => r.Count != first.Count || r.Where((u, c) => u.Length != first[c].Length || !u.All(double.IsFinite)).Any()))
            throw new ArgumentException("every rater needs finite utilities for the same contexts and responses", nameof(utilities));
        double total = weights.Sum();
        _weights = weights.Select(w => w / total).ToArray();
        _utilities = utilities.Select(r => r.Select(u => (double[])u.Clone()).ToArray()).ToArray();
    }

    /// <inheritdoc/>
    public override int ContextCount => _utilities[0].Length;

    /// <inheritdoc/>
    public override int ResponseCount(int context) => _utilities[0][context].Length;

    /// <inheritdoc/>
    public override double Probability(int context, int a, int b)
    {
        double p = 0;
        for (int k = 0; k < _weights.Length; k++)
        {
            var u = _utilities[k][context];
            p += _weights[k] * LogMath.Sigmoid(u[a] - u[b]);
        }
        return p;
    }
}
