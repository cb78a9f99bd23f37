using Rebel.Games;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Nash-MD (Munos et al. 2023), tabular (<c>--algo nash-md</c>): the geometric mixture
/// <c>π^μ_t ∝ π_t^{1−ητ} π_ref^{ητ}</c>, then <c>π_{t+1} ∝ π^μ_t exp(η P(y ≻ π^μ_t))</c>. The win rates against the
/// mixture are estimated as TRL's trainer does: responses drawn from <c>π_t</c> meet opponents drawn from the mixture,
/// importance-weighted so that every response's estimate is unbiased (exact with <c>--samples all</c> and exact
/// feedback). Its iterates approach the minimax winner of the τ-regularised game.
/// </summary>
public sealed class NashMdAlgorithm : SampledSelfPlay
{
    private readonly double[] _mixtureLog;

    /// <summary>Creates Nash-MD with step size <paramref name="eta"/> and regularisation <paramref name="tau"/>, seeded by <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">ητ outside [0, 1].</exception>
    public NashMdAlgorithm(TabularGame game, double eta, double tau, ulong seed, SelfPlayOptions shared, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, importanceWeighted: true, oracle: oracle)
    {
        if (!(eta * tau >= 0 && eta * tau <= 1))
            throw OptionException.Of<NashMdOptions>(nameof(NashMdOptions.Tau), tau, FormattableString.Invariant($"η·τ = {eta * tau} must lie in [0, 1]"));
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
    protected override void Learn(int context, Span<double> next)
    {
        double mix = Eta * Tau;
        var log = LogPolicy(context);
        var reference = ReferenceLog(context);
        var mixtureLog = _mixtureLog.AsSpan(0, log.Length);
        for (int i = 0; i < log.Length; i++)
            mixtureLog[i] = (1 - mix) * log[i] + mix * reference[i];
        var winRates = EstimateWinRatesAgainst(context, mixtureLog);
        for (int i = 0; i < log.Length; i++)
            next[i] = mixtureLog[i] + Eta * winRates[i];
    }
}
