using Rebel.Preference.Fitting;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference;


namespace Rebel.Preference.Oracles;

/// <summary>The Bradley–Terry model from utilities: <c>P(a ≻ b | x) = σ(u_x(a) − u_x(b))</c>. Transitive by construction.</summary>
public sealed class BradleyTerryOracle : PreferenceOracle
{
    private readonly double[][] _utilities;

    /// <summary>Creates the model from one utility vector per context.</summary>
    /// <exception cref="ArgumentException">No contexts, an empty context, or a non-finite utility.</exception>
    public BradleyTerryOracle(IReadOnlyList<double[]> utilities)
    {
        ArgumentNullException.ThrowIfNull(utilities);
        if (utilities.Count == 0 || utilities.Any(u => u.Length == 0 || !u.All(double.IsFinite)))
            throw new ArgumentException("Bradley–Terry utilities need at least one context, each with finite utilities", nameof(utilities));
        _utilities = utilities.Select(u => (double[])u.Clone()).ToArray();
    }

    /// <summary>The utilities of context <paramref name="context"/> (a copy).</summary>
    public double[] Utilities(int context) => (double[])_utilities[context].Clone();

    /// <inheritdoc/>
    public override int ContextCount => _utilities.Length;

    /// <inheritdoc/>
    public override int ResponseCount(int context) => _utilities[context].Length;

    /// <inheritdoc/>
    public override double Probability(int context, int a, int b) => LogMath.Sigmoid(_utilities[context][a] - _utilities[context][b]);
}
