namespace Rebel.Preference.Objectives;

/// <summary>
/// REBEL's regression: <c>((ρ_i − ρ_j)/η − (r_i − r_j))²</c> over the pairs of a group, ρ = ln π_θ/π_t. Its exact
/// minimiser over tabular logits is the mirror-descent step when the targets are exact win rates.
/// </summary>
/// <param name="eta">The step size η (positive).</param>
public sealed class RebelObjective(double eta) : PairObjective
{
    /// <summary>The step size η.</summary>
    public double Eta { get; } = eta;

    /// <inheritdoc/>
    public override (double Loss, double Derivative) Pair(double difference, double target)
    {
        double residual = difference / Eta - target;
        return (residual * residual, 2 * residual / Eta);
    }

    /// <inheritdoc/>
    protected override double Target(double difference, double outcome) => difference;
}
