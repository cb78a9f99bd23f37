using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Regression;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Online IPO from exact win rates (<c>--algo online-ipo --loss exact</c>): one gradient step of <c>--lr</c> on the
/// population form of <see cref="OnlineIpoAlgorithm"/>'s loss, <c>E_{y,y′∼π_t}[(d(y) − d(y′) − (P(y ≻ y′) − 1/2)/τ)²]</c>
/// with <c>d = log π/π_ref</c> and π_t held fixed (EGPO's "Online IPO 2"). Its residual is skew in (y, y′), so the
/// gradient is <c>4 π_t(k) (d(k) − E_{π_t} d − (r_t(k) − 1/2)/τ)</c> with <c>r_t = P π_t</c>; the sampled loss on pairs
/// drawn from π_t has this expectation.
/// </summary>
public sealed class ExactOnlineIpoAlgorithm : TabularSelfPlay
{
    /// <summary>Creates exact online IPO with regularisation <paramref name="tau"/> and gradient step <paramref name="learningRate"/>.</summary>
    /// <exception cref="ArgumentException">τ or the learning rate not positive and finite.</exception>
    public ExactOnlineIpoAlgorithm(TabularGame game, double tau, double learningRate)
        : base(game)
    {
        OptionChecks<OnlineIpoOptions>.PositiveFinite(nameof(OnlineIpoOptions.Tau), tau);
        LearningRate = PolicyGradient.CheckLearningRate(learningRate);
        Tau = tau;
    }

    /// <inheritdoc/>
    public override string Name => "online-ipo";

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <summary>The gradient step size.</summary>
    public double LearningRate { get; }

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        for (int c = 0; c < next.Length; c++)
        {
            var log = LogPolicy(c);
            var reference = ReferenceLog(c);
            var policy = Policy(c);
            var winRates = WinRates(c);
            double meanRatio = 0;
            for (int k = 0; k < log.Length; k++)
                if (policy[k] > 0)
                    meanRatio += policy[k] * (log[k] - reference[k]);
            for (int k = 0; k < log.Length; k++)
                next[c][k] = log[k] - LearningRate * 4 * policy[k] * (log[k] - reference[k] - meanRatio - (winRates[k] - 0.5) / Tau);
        }
    }
}
