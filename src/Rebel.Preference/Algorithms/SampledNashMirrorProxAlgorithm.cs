using Rebel.Games;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Nash Mirror Prox from samples (<c>--algo nash-mp --loss sampled</c>): <see cref="NashMirrorProxAlgorithm"/>'s two
/// proximal steps from <c>π_t</c>, <c>log π′ = log π_t/(1+ητ) + ητ/(1+ητ) log π_ref + η/(1+ητ) r̃</c>, with the win rates
/// replaced by unbiased estimates, as the paper's practical form estimates each step's expectations from samples: the
/// half step with <c>r̃ ≈ P π_t</c> from self-play, the full step with <c>r̃ ≈ P π_{t+½}</c> from responses of
/// <c>π_t</c> against opponents drawn from the half step (the scheme of <see cref="ExtragradientAlgorithm"/>, with
/// proximal rather than explicit weights). With <c>--samples all</c> and exact feedback it is the exact form.
/// </summary>
public sealed class SampledNashMirrorProxAlgorithm : SampledSelfPlay
{
    private readonly double[] _halfLog;

    /// <summary>Creates sampled Nash-MP with step size <paramref name="eta"/> and regularisation <paramref name="tau"/>, seeded by <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">A negative τ.</exception>
    public SampledNashMirrorProxAlgorithm(TabularGame game, double eta, double tau, ulong seed, SelfPlayOptions shared, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, importanceWeighted: true, oracle: oracle)
    {
        (Anchor, Scale) = InpoAlgorithm.Weights(eta, tau);
        (Eta, Tau) = (eta, tau);
        _halfLog = new double[game.MaxResponses];
    }

    /// <inheritdoc/>
    public override string Name => "nash-mp";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <summary>The reference's weight <c>ητ/(1+ητ)</c>.</summary>
    public double Anchor { get; }

    /// <summary>The win rates' weight <c>η/(1+ητ)</c>.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    protected override void Learn(int context, Span<double> next)
    {
        var log = LogPolicy(context);
        var reference = ReferenceLog(context);
        var halfLog = _halfLog.AsSpan(0, log.Length);
        AnchoredStep.Apply(log, reference, EstimateWinRates(context, []), Anchor, Scale, halfLog);
        AnchoredStep.Apply(log, reference, EstimateWinRatesAgainst(context, halfLog), Anchor, Scale, next);
    }
}
