namespace Rebel.Preference.Objectives;

/// <summary>
/// SPPO's per-response square loss <c>(ρ_i − η(r_i − 1/2))²</c>, ρ = ln π_θ/π_t: the log-normaliser is approximated by
/// η/2 instead of being cancelled by pairs as in REBEL.
/// </summary>
/// <param name="eta">The step size η (positive).</param>
public sealed class SppoObjective(double eta) : SelfPlayObjective
{
    /// <summary>The step size η.</summary>
    public double Eta { get; } = eta;

    /// <summary>The regression target of a response with win rate <paramref name="winRate"/>: <c>η(r − 1/2)</c>.</summary>
    public double Target(double winRate) => Eta * (winRate - 0.5);

    /// <inheritdoc/>
    protected override (double Sum, int Terms) Accumulate(ReadOnlySpan<double> logRatio, ReadOnlySpan<double> winRate, ReadOnlySpan<double> outcome, ReadOnlySpan<double> difference, Span<double> gradient)
    {
        double sum = 0;
        int terms = 0;
        for (int i = 0; i < logRatio.Length; i++)
        {
            if (double.IsNaN(winRate[i]))
                continue;
            double residual = logRatio[i] - Target(winRate[i]);
            sum += residual * residual;
            gradient[i] += 2 * residual;
            terms++;
        }
        return (sum, terms);
    }
}
