using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Regression;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Nash-MD-PG (Munos et al. 2023, §7), exact tabular form (<c>--algo nash-md-pg</c>): one policy-gradient step of size
/// <c>--lr</c> on the softmax logits toward the advantage <c>A(y) = P(y ≻ π^μ_t) − τ (log π_t(y) − log π_ref(y))</c>
/// against the geometric mixture <c>π^μ_t ∝ π_t^{1−ητ} π_ref^{ητ}</c>:
/// <c>θ_{t+1}(y) = log π_t(y) + lr · π_t(y) (A(y) − Σ_y′ π_t(y′) A(y′))</c>, the gradient of
/// <c>E_{y∼π_t}[A(y) log π_θ(y)]</c> at <c>θ = log π_t</c>.
/// </summary>
public sealed class NashMdPgAlgorithm : TabularSelfPlay
{
    private readonly double[] _mixture;
    private readonly double[] _advantage;

    /// <summary>Creates Nash-MD-PG with mixture step <paramref name="eta"/>, regularisation <paramref name="tau"/> and gradient step <paramref name="learningRate"/>.</summary>
    /// <exception cref="ArgumentException">ητ outside [0, 1], or a learning rate that is not positive and finite.</exception>
    public NashMdPgAlgorithm(TabularGame game, double eta, double tau, double learningRate)
        : base(game)
    {
        Mixture = AnchoredStep.MixtureWeight<NashMdPgOptions>(nameof(NashMdPgOptions.Tau), eta, tau);
        LearningRate = PolicyGradient.CheckLearningRate(learningRate);
        (Eta, Tau) = (eta, tau);
        _mixture = new double[game.MaxResponses];
        _advantage = new double[game.MaxResponses];
    }

    /// <inheritdoc/>
    public override string Name => "nash-md-pg";

    /// <summary>The mirror step η of the mixture.</summary>
    public double Eta { get; }

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <summary>The weight <c>ητ</c> of the reference in the mixture.</summary>
    public double Mixture { get; }

    /// <summary>The policy-gradient step size.</summary>
    public double LearningRate { get; }

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        for (int c = 0; c < next.Length; c++)
        {
            var log = LogPolicy(c);
            var reference = ReferenceLog(c);
            int n = log.Length;
            var mixture = _mixture.AsSpan(0, n);
            AnchoredStep.Mix(log, reference, Mixture, mixture);
            var winRates = WinRatesAgainst(c, mixture);
            var advantage = _advantage.AsSpan(0, n);
            for (int i = 0; i < n; i++)
                advantage[i] = winRates[i] - Tau * (log[i] - reference[i]);
            PolicyGradient.Step(log, Policy(c), advantage, LearningRate, next[c]);
        }
    }
}
