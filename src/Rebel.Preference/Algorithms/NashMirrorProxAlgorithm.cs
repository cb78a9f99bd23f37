using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Regression;
using Rebel.Preference;

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
public sealed class NashMirrorProxAlgorithm(TabularGame game, double eta, double tau)
    : AnchoredExtragradient(game, eta, tau, InpoAlgorithm.Weights(eta, tau).Anchor, InpoAlgorithm.Weights(eta, tau).Scale)
{
    /// <inheritdoc/>
    public override string Name => "nash-mp";
}
