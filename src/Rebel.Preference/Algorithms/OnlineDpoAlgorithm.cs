using Rebel.Games;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Online DPO (<c>--algo online-dpo</c>): the logistic loss <c>−[o ln σ(β d) + (1 − o) ln σ(−β d)]</c> of the
/// log-ratio difference on freshly sampled, oracle-labelled pairs; <c>∂/∂d = β (σ(β d) − o)</c>.
/// </summary>
public sealed class OnlineDpoAlgorithm : PairwiseLossAlgorithm
{
    /// <summary>Creates online DPO with inverse temperature <paramref name="beta"/>.</summary>
    /// <exception cref="ArgumentException">β not positive and finite.</exception>
    public OnlineDpoAlgorithm(TabularGame game, ulong seed, SelfPlayOptions shared, double beta)
        : base(game, seed, shared)
    {
        if (!(beta > 0) || double.IsInfinity(beta))
            throw OptionException.Of<OnlineDpoOptions>(nameof(OnlineDpoOptions.Beta), beta, "must be a positive finite number");
        Beta = beta;
    }

    /// <inheritdoc/>
    public override string Name => "online-dpo";

    /// <summary>The inverse temperature β.</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    protected override (double Loss, double Derivative) PairLoss(double difference, double label)
    {
        double h = Beta * difference;
        // ln σ(h) = −softplus(−h), computed stably for large |h|.
        double loss = label * Softplus(-h) + (1 - label) * Softplus(h);
        return (loss, Beta * (LogMath.Sigmoid(h) - label));
    }

    private static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
}
