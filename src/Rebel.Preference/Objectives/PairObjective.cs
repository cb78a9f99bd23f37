namespace Rebel.Preference.Objectives;

/// <summary>
/// An objective whose terms are the unordered pairs of a group: a loss of the pair's log-ratio difference
/// <c>d = ρ_i − ρ_j</c> and a target the algorithm reads from the pair's win rates or outcome. Tabular learners call
/// <see cref="Pair"/> on the pairs they sampled; <see cref="SelfPlayObjective.Loss"/> averages it over a group.
/// </summary>
/// <param name="referenceWeight">The weight of π_ref in the anchor of the log-ratios (<see cref="SelfPlayObjective.ReferenceWeight"/>).</param>
public abstract class PairObjective(double referenceWeight = 0) : SelfPlayObjective(referenceWeight)
{
    /// <summary>The loss of one pair with log-ratio difference <paramref name="difference"/> and its derivative in it.</summary>
    public abstract (double Loss, double Derivative) Pair(double difference, double target);

    /// <summary>The target of pair (i, j): <c>r_i − r_j</c> for regressions on win rates, <c>o_ij</c> for losses on labels; NaN skips the pair.</summary>
    protected abstract double Target(int i, int j, ReadOnlySpan<double> winRate, ReadOnlySpan<double> outcome);

    /// <inheritdoc/>
    protected override (double Sum, int Terms) Accumulate(ReadOnlySpan<double> logRatio, ReadOnlySpan<double> winRate, ReadOnlySpan<double> outcome, Span<double> gradient)
    {
        double sum = 0;
        int terms = 0;
        for (int i = 0; i < logRatio.Length; i++)
            for (int j = i + 1; j < logRatio.Length; j++)
            {
                double target = Target(i, j, winRate, outcome);
                if (double.IsNaN(target))
                    continue;
                var (loss, derivative) = Pair(logRatio[i] - logRatio[j], target);
                sum += loss;
                gradient[i] += derivative;
                gradient[j] -= derivative;
                terms++;
            }
        return (sum, terms);
    }
}
