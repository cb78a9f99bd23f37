using Rebel.Games;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Nash Mirror Prox (Nash-MP; Tiapkin et al. 2025, arXiv 2505.19731), exact tabular form (<c>--algo nash-mp</c>):
/// mirror prox on the τ-regularised game, each step a proximal (implicit) mirror step from <c>π_t</c>. The half step
/// <c>π_{t+½} = argmax_π η[P(π ≻ π_t) − τ KL(π‖π_ref)] − KL(π‖π_t)</c>, i.e.
/// <c>π_{t+½} ∝ π_t^{1/(1+ητ)} π_ref^{ητ/(1+ητ)} exp(η P π_t/(1+ητ))</c>, then the same step from <c>π_t</c> with the
/// half step's win rates <c>P π_{t+½}</c>. Where EGPO's steps are explicit (<c>π_t^{1−ητ} π_ref^{ητ} exp(η P π)</c>,
/// needing ητ ≤ 1), these are INPO's proximal steps, stable for every η; the paper proves the KL to the regularised
/// equilibrium falls linearly, at a rate independent of the number of responses.
/// </summary>
public sealed class NashMirrorProxAlgorithm : TabularSelfPlay
{
    private readonly double[] _half;

    /// <summary>Creates Nash-MP with step size <paramref name="eta"/> and regularisation <paramref name="tau"/>.</summary>
    public NashMirrorProxAlgorithm(TabularGame game, double eta, double tau)
        : base(game)
    {
        (Anchor, Scale) = InpoAlgorithm.Weights(eta, tau);
        (Eta, Tau) = (eta, tau);
        _half = new double[game.MaxResponses];
    }

    /// <inheritdoc/>
    public override string Name => "nash-mp";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <summary>The reference's weight <c>ητ/(1 + ητ)</c> in both steps.</summary>
    public double Anchor { get; }

    /// <summary>The win rates' weight <c>η/(1 + ητ)</c> in both steps.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        for (int c = 0; c < next.Length; c++)
        {
            var log = LogPolicy(c);
            var reference = ReferenceLog(c);
            var half = _half.AsSpan(0, log.Length);
            AnchoredStep.Apply(log, reference, WinRates(c), Anchor, Scale, half);
            AnchoredStep.Apply(log, reference, WinRatesAgainst(c, half), Anchor, Scale, next[c]);
        }
    }
}
