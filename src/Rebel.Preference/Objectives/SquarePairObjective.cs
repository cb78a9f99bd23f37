namespace Rebel.Preference.Objectives;

/// <summary>
/// The square loss on labelled pairs of the IPO family, <c>(d − s·(o − 1/2))²</c> of the pair's log-ratio difference d
/// and label o: online IPO with regularisation τ is s = 1/τ; INPO passes its own pair statistic
/// <c>h = ητ/(1+ητ)·d</c> as the difference (at π = π_t, where ∂h/∂θ = ∂d/∂θ) and s = η/(1+ητ).
/// </summary>
/// <param name="scale">The coefficient s of the centred label.</param>
public sealed class SquarePairObjective(double scale) : PairObjective
{
    /// <summary>Online IPO with regularisation τ: <c>(d − (o − 1/2)/τ)²</c>.</summary>
    public static SquarePairObjective Ipo(double tau) => new(1 / tau);

    /// <summary>The coefficient of the centred label.</summary>
    public double Scale { get; } = scale;

    /// <inheritdoc/>
    public override bool AnchoredToReference => true;

    /// <inheritdoc/>
    public override (double Loss, double Derivative) Pair(double difference, double target)
    {
        double residual = difference - Scale * (target - 0.5);
        return (residual * residual, 2 * residual);
    }

    /// <inheritdoc/>
    protected override double Target(int i, int j, ReadOnlySpan<double> winRate, ReadOnlySpan<double> outcome) => outcome[i * winRate.Length + j];
}
