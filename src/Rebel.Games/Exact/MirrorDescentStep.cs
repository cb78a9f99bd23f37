namespace Rebel.Games.Exact;

/// <summary>
/// Metrics of one exact mirror-descent iteration, all weighted over contexts.
/// </summary>
/// <param name="Iteration">Iterations completed, T (1 after the first step).</param>
/// <param name="DualityGapLast">DG of the new iterate <c>π_T</c> (the one <see cref="MirrorDescent.Current"/> returns after the step, whose KL step and entropy these are too).</param>
/// <param name="DualityGapAverage">DG of the average iterate <c>π̄_T</c>.</param>
/// <param name="AverageRegret"><c>Reg_T / T</c>.</param>
/// <param name="KlStep"><c>KL(π_T ‖ π_{T−1})</c>.</param>
/// <param name="Entropy">Entropy of the new iterate <c>π_T</c>, in nats.</param>
public readonly record struct MirrorDescentStep(int Iteration, double DualityGapLast, double DualityGapAverage, double AverageRegret, double KlStep, double Entropy);
