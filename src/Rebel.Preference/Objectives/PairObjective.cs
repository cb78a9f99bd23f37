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

    /// <summary>
    /// The target of a pair (i, j) from its win rates' difference (<c>r_i − r_j</c>, or its own estimate) and its
    /// outcome <c>o_ij</c>: the difference for regressions on win rates, the outcome for losses on labels; NaN skips the pair.
    /// </summary>
    protected abstract double Target(double difference, double outcome);

    /// <inheritdoc/>
    protected override (double Sum, int Terms) Accumulate(ReadOnlySpan<double> logRatio, ReadOnlySpan<double> winRate, ReadOnlySpan<double> outcome, ReadOnlySpan<double> difference, Span<double> gradient)
    {
        double sum = 0;
        int terms = 0, k = logRatio.Length;
        for (int i = 0; i < k; i++)
            for (int j = i + 1; j < k; j++)
            {
                double target = Target(difference.IsEmpty ? winRate[i] - winRate[j] : difference[i * k + j], outcome[i * k + j]);
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
