using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Regression;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Extragradient preference optimisation (EGPO; Zhou et al. 2025), exact tabular form (<c>--algo egpo</c>): a half step
/// <c>π_{t+½} ∝ π_t^{1−ητ} π_ref^{ητ} exp(η P π_t)</c>, then the full step from the same anchor with the half step's
/// win rates, <c>π_{t+1} ∝ π_t^{1−ητ} π_ref^{ητ} exp(η P π_{t+½})</c>. This is what one SGD step of size lr on the
/// tabular online-IPO loss of the paper's code does twice, with <c>ητ = 4 lr / n</c>; it differs from the textbook
/// extragradient of <c>--algo extragradient</c>, whose second step takes the regulariser at the half step too. Its
/// last iterate converges linearly to the equilibrium of the τ-regularised game.
/// </summary>
public sealed class EgpoAlgorithm(TabularGame game, double eta, double tau)
    : AnchoredExtragradient(game, eta, tau, AnchoredStep.MixtureWeight<EgpoOptions>(nameof(EgpoOptions.Tau), eta, tau), eta)
{
    /// <inheritdoc/>
    public override string Name => "egpo";
}
