using Rebel.Games;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Magnetic mirror descent, tabular (<c>--algo mmd</c>): <c>π_{t+1} ∝ [π_t π_ref^{ηα} exp(η g_t)]^{1/(1+ηα)}</c>, with
/// <c>g_t</c> the importance-weighted self-play estimate of <c>P π_t</c> (exact with <c>--samples all</c> and exact
/// feedback). The magnet makes the last iterate converge to the α-regularised equilibrium (a quantal response near
/// the minimax winner for small α).
/// </summary>
public sealed class MagneticMirrorDescentAlgorithm : SampledSelfPlay
{
    /// <summary>Creates MMD with step size <paramref name="eta"/> and magnet strength <paramref name="alpha"/>, seeded by <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">A negative α.</exception>
    public MagneticMirrorDescentAlgorithm(TabularGame game, double eta, double alpha, ulong seed, SelfPlayOptions shared, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, importanceWeighted: true, oracle: oracle)
    {
        OptionChecks<MagneticMirrorDescentOptions>.NonNegativeFinite(nameof(MagneticMirrorDescentOptions.Alpha), alpha);
        (Eta, Alpha) = (eta, alpha);
    }

    /// <inheritdoc/>
    public override string Name => "mmd";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <summary>The magnet strength α.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    protected override void Learn(int context, Span<double> next)
    {
        double magnet = Eta * Alpha;
        var log = LogPolicy(context);
        var reference = ReferenceLog(context);
        var g = EstimateWinRates(context, []);
        for (int i = 0; i < log.Length; i++)
            next[i] = (log[i] + magnet * reference[i] + Eta * g[i]) / (1 + magnet);
    }
}
