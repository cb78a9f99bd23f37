namespace Rebel.Preference;

/// <summary>
/// Metrics of one self-play iteration; the standard ones every algorithm reports, plus algorithm-specific extras
/// (e.g. <c>oracle_queries</c>, <c>samples</c>, <c>regression_loss</c>, <c>r2</c>, <c>kl_ref</c>) in a fixed order.
/// </summary>
/// <param name="Iteration">Iterations completed, T.</param>
/// <param name="DualityGapLast">Exact DG of the iterate played this iteration (<c>dg_last</c>).</param>
/// <param name="DualityGapAverage">Exact DG of the average iterate <c>π̄_T</c> (<c>dg_avg</c>).</param>
/// <param name="AverageRegret"><c>Reg_T / T</c> against the exact win rates (<c>regret_avg</c>).</param>
/// <param name="KlStep"><c>KL(π_T ‖ π_{T−1})</c> (<c>kl_step</c>).</param>
/// <param name="Entropy">Entropy of the new iterate (<c>entropy</c>).</param>
/// <param name="Extra">Further named metrics, written after the standard ones in this order.</param>
public sealed record IterationMetrics(
    int Iteration,
    double DualityGapLast,
    double DualityGapAverage,
    double AverageRegret,
    double KlStep,
    double Entropy,
    IReadOnlyList<KeyValuePair<string, double>> Extra);
