using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Extragradient (EGPO), exact tabular form (<c>--algo extragradient</c>): a half step
/// <c>π_{t+½} ∝ π_t exp(η ĝ(π_t))</c>, then the full step from <c>π_t</c> with the half step's gradient,
/// <c>π_{t+1} ∝ π_t exp(η ĝ(π_{t+½}))</c>, where <c>ĝ(π) = P π − τ (log π − log π_ref)</c>.
/// </summary>
public sealed class ExtragradientAlgorithm : TabularSelfPlay
{
    private readonly double[] _halfLog;

    /// <summary>Creates extragradient with step size <paramref name="eta"/> and regularisation <paramref name="tau"/>.</summary>
    /// <exception cref="ArgumentException">A negative τ.</exception>
    public ExtragradientAlgorithm(TabularGame game, double eta, double tau)
        : base(game)
    {
        if (!(tau >= 0) || double.IsInfinity(tau))
            throw new ArgumentException(FormattableString.Invariant($"extragradient --tau {tau}: must be a non-negative finite number"));
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
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        for (int c = 0; c < next.Length; c++)
        {
            var log = LogPolicy(c);
            var reference = ReferenceLog(c);
            var g = WinRates(c);
            int n = log.Length;
            var halfLog = _halfLog.AsSpan(0, n);
            for (int i = 0; i < n; i++)
                halfLog[i] = log[i] + Eta * (g[i] - Tau * (log[i] - reference[i]));
            var winRates = WinRatesAgainst(c, halfLog);
            for (int i = 0; i < n; i++)
                next[c][i] = log[i] + Eta * (winRates[i] - Tau * (halfLog[i] - reference[i]));
        }
    }
}
