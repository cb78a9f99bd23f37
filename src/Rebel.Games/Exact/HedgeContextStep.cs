namespace Rebel.Games.Exact;

/// <summary>What one context contributes to a mirror-descent step, before weighting by the context's weight.</summary>
/// <param name="BestWinRateSum"><c>max_y Σ_t r_t(y)</c> after this step, which gives the average iterate's gap and the regret.</param>
/// <param name="PlayedSum"><c>Σ_t ⟨π_t, r_t⟩</c> after this step.</param>
/// <param name="KlStep"><c>KL(π_{t+1} ‖ π_t)</c>.</param>
/// <param name="Entropy">Entropy of <c>π_{t+1}</c> in nats.</param>
/// <param name="KlToReference"><c>KL(π_{t+1} ‖ π_ref)</c>.</param>
internal readonly record struct HedgeContextStep(double BestWinRateSum, double PlayedSum, double KlStep, double Entropy, double KlToReference);
