using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Nash-MD (Munos et al. 2023), exact tabular form (<c>--algo nash-md</c>): the geometric mixture
/// <c>π^μ_t ∝ π_t^{1−ητ} π_ref^{ητ}</c>, then <c>π_{t+1} ∝ π^μ_t exp(η P(y ≻ π^μ_t))</c>. Its iterates approach the
/// minimax winner of the τ-regularised game.
/// </summary>
public sealed class NashMdAlgorithm : TabularSelfPlay
{
    private readonly double[] _mixtureLog;

    /// <summary>Creates Nash-MD with step size <paramref name="eta"/> and regularisation <paramref name="tau"/>.</summary>
    /// <exception cref="ArgumentException">ητ outside [0, 1].</exception>
    public NashMdAlgorithm(TabularGame game, double eta, double tau)
        : base(game)
    {
        if (!(eta * tau >= 0 && eta * tau <= 1))
            throw new ArgumentException(FormattableString.Invariant($"nash-md --tau {tau}: η·τ = {eta * tau} must lie in [0, 1]"));
        (Eta, Tau) = (eta, tau);
        _mixtureLog = new double[game.MaxResponses];
    }

    /// <inheritdoc/>
    public override string Name => "nash-md";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        double mix = Eta * Tau;
        for (int c = 0; c < next.Length; c++)
        {
            var log = LogPolicy(c);
            var reference = ReferenceLog(c);
            int n = log.Length;
            var mixtureLog = _mixtureLog.AsSpan(0, n);
            for (int i = 0; i < n; i++)
                mixtureLog[i] = (1 - mix) * log[i] + mix * reference[i];
            var winRates = WinRatesAgainst(c, mixtureLog);
            for (int i = 0; i < n; i++)
                next[c][i] = mixtureLog[i] + Eta * winRates[i];
        }
    }
}
