using Rebel.Games;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Extragradient (EGPO), tabular (<c>--algo extragradient</c>): a half step
/// <c>π_{t+½} ∝ π_t exp(η ĝ(π_t))</c>, then the full step from <c>π_t</c> with the half step's gradient,
/// <c>π_{t+1} ∝ π_t exp(η ĝ(π_{t+½}))</c>, where <c>ĝ(π) = P π − τ (log π − log π_ref)</c>. Both win-rate vectors are
/// importance-weighted estimates: self-play samples for the half step, then responses of <c>π_t</c> against
/// opponents drawn from <c>π_{t+½}</c> (exact with <c>--samples all</c> and exact feedback).
/// </summary>
public sealed class ExtragradientAlgorithm : SampledSelfPlay
{
    private readonly double[] _halfLog;

    /// <summary>Creates extragradient with step size <paramref name="eta"/> and regularisation <paramref name="tau"/>, seeded by <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">A negative τ.</exception>
    public ExtragradientAlgorithm(TabularGame game, double eta, double tau, ulong seed, SelfPlayOptions shared, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, importanceWeighted: true, oracle: oracle)
    {
        OptionChecks<ExtragradientOptions>.NonNegativeFinite(nameof(ExtragradientOptions.Tau), tau);
        (Eta, Tau) = (eta, tau);
        _halfLog = new double[game.MaxResponses];
    }

    /// <inheritdoc/>
    public override string Name => "extragradient";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <inheritdoc/>
    protected override void Learn(int context, Span<double> next)
    {
        var log = LogPolicy(context);
        var reference = ReferenceLog(context);
        int n = log.Length;
        var halfLog = _halfLog.AsSpan(0, n);
        var g = EstimateWinRates(context, []);
        for (int i = 0; i < n; i++)
            halfLog[i] = log[i] + Eta * (g[i] - Tau * (log[i] - reference[i]));
        var winRates = EstimateWinRatesAgainst(context, halfLog);
        for (int i = 0; i < n; i++)
            next[i] = log[i] + Eta * (winRates[i] - Tau * (halfLog[i] - reference[i]));
    }
}
