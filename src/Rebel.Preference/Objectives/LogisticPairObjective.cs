using Rebel.Preference.Fitting;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference;


namespace Rebel.Preference.Objectives;

/// <summary>
/// Online DPO's logistic loss on labelled pairs, <c>−o ln σ(βd) − (1 − o) ln σ(−βd)</c> with <c>d = ρ_i − ρ_j</c> and
/// label <c>o = o_ij</c> (a probability with exact feedback, 0/1 with Bernoulli feedback).
/// </summary>
/// <param name="beta">The inverse temperature β (positive).</param>
/// <remarks>The log-ratios are to π_ref (<see cref="SelfPlayObjective.ReferenceWeight"/> 1), as in online DPO.</remarks>
public sealed class LogisticPairObjective(double beta) : PairObjective(referenceWeight: 1)
{
    /// <summary>The inverse temperature β.</summary>
    public double Beta { get; } = beta;


    /// <inheritdoc/>
    public override (double Loss, double Derivative) Pair(double difference, double target)
    {
        double h = Beta * difference;
        // ln σ(h) = −softplus(−h), computed stably for large |h|.
        double loss = target * Softplus(-h) + (1 - target) * Softplus(h);
        return (loss, Beta * (LogMath.Sigmoid(h) - target));
    }

    /// <inheritdoc/>
    protected override double Target(double difference, double outcome) => outcome;

    private static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
}
