namespace Rebel.Preference.Objectives;

/// <summary>
/// The square loss on labelled pairs of the IPO family, <c>(d − s·(o − 1/2))²</c> of the pair's log-ratio difference d
/// and label o: online IPO with regularisation τ is s = 1/τ and log-ratios to π_ref; INPO is s = η/(1+ητ) with log-ratios to
/// the geometric mixture <c>π_ref^w π_t^{1−w}</c>, w = ητ/(1+ητ), whose pair statistic at π = π_t is <c>w·d</c>.
/// </summary>
/// <param name="scale">The coefficient s of the centred label.</param>
/// <param name="referenceWeight">The weight w of π_ref in the anchor of the log-ratios: 1 for online IPO, ητ/(1+ητ) for INPO.</param>
public sealed class SquarePairObjective(double scale, double referenceWeight = 1) : PairObjective(referenceWeight)
{
    /// <summary>Online IPO with regularisation τ: <c>(d − (o − 1/2)/τ)²</c>.</summary>
    public static SquarePairObjective Ipo(double tau) => new(1 / tau);

    /// <summary>The coefficient of the centred label.</summary>
    public double Scale { get; } = scale;

    /// <inheritdoc/>
    public override (double Loss, double Derivative) Pair(double difference, double target)
    {
        double residual = difference - Scale * (target - 0.5);
        return (residual * residual, 2 * residual);
    }

    /// <inheritdoc/>
    protected override double Target(double difference, double outcome) => outcome;
}
