using Rebel.Games;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Extragradient preference optimisation (EGPO; Zhou et al. 2025), exact tabular form (<c>--algo egpo</c>): a half step
/// <c>π_{t+½} ∝ π_t^{1−ητ} π_ref^{ητ} exp(η P π_t)</c>, then the full step from the same anchor with the half step's
/// win rates, <c>π_{t+1} ∝ π_t^{1−ητ} π_ref^{ητ} exp(η P π_{t+½})</c>. This is what one SGD step of size lr on the
/// tabular online-IPO loss of the paper's code does twice, with <c>ητ = 4 lr / n</c>; it differs from the textbook
/// extragradient of <c>--algo extragradient</c>, whose second step takes the regulariser at the half step too. Its
/// last iterate converges linearly to the equilibrium of the τ-regularised game.
/// </summary>
public sealed class EgpoAlgorithm : TabularSelfPlay
{
    private readonly double[] _half;

    /// <summary>Creates EGPO with step size <paramref name="eta"/> and regularisation <paramref name="tau"/>.</summary>
    /// <exception cref="ArgumentException">ητ outside [0, 1].</exception>
    public EgpoAlgorithm(TabularGame game, double eta, double tau)
        : base(game)
    {
        Anchor = AnchoredStep.MixtureWeight<EgpoOptions>(eta, tau);
        (Eta, Tau) = (eta, tau);
        _half = new double[game.MaxResponses];
    }

    /// <inheritdoc/>
    public override string Name => "egpo";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <summary>The weight <c>ητ</c> of the reference in both steps' anchor.</summary>
    public double Anchor { get; }

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        for (int c = 0; c < next.Length; c++)
        {
            var log = LogPolicy(c);
            var reference = ReferenceLog(c);
            var half = _half.AsSpan(0, log.Length);
            AnchoredStep.Apply(log, reference, WinRates(c), Anchor, Eta, half);
            AnchoredStep.Apply(log, reference, WinRatesAgainst(c, half), Anchor, Eta, next[c]);
        }
    }
}
