using Rebel.Preference.SelfPlay;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Estimates from one context's self-play batch, in the sampler's two modes: K draws from <c>π_t</c> (each sample
/// weighs 1, a sample is not its own opponent), or every response once (<c>--samples all</c>: each weighs
/// <c>π_t(y)</c>, self-comparisons included), which turns every estimate into its expectation under π_t.
/// </summary>
internal static class BatchWinRates
{
    /// <summary>The weight of sample <paramref name="i"/> in an average over the batch.</summary>
    public static double Weight(SelfPlayBatch batch, bool all, ReadOnlySpan<double> policy, int i) => all ? policy[batch.Response(i)] : 1;

    /// <summary>
    /// <c>P(y_i ≻ μ)</c> for every sample i, against another policy μ (Nash-MD's mixture, EGPO's half step): the batch
    /// holds draws from π_t only, so the opponents are reweighted by <c>μ(y_j)/π_t(y_j)</c> times their sampling weight
    /// and self-normalised, <c>Σ_j w_j o_ij / Σ_j w_j</c> over the queried pairs; NaN for a sample compared with none.
    /// </summary>
    public static void Against(SelfPlayBatch batch, bool all, ReadOnlySpan<double> logPolicy, ReadOnlySpan<double> logOpponent, Span<double> winRates)
    {
        for (int i = 0; i < batch.Count; i++)
        {
            double weighted = 0, total = 0;
            for (int j = 0; j < batch.Count; j++)
            {
                double outcome = batch.Outcome(i, j);
                if ((j == i && !all) || double.IsNaN(outcome))
                    continue;
                int y = batch.Response(j);
                double w = all ? Math.Exp(logOpponent[y]) : Math.Exp(logOpponent[y] - logPolicy[y]);
                weighted += w * outcome;
                total += w;
            }
            winRates[i] = total > 0 ? weighted / total : double.NaN;
        }
    }
}
