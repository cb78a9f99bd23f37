namespace Rebel.Games.Exact;

/// <summary>
/// What one context contributed to the last mirror-descent iteration, unweighted: the quantities its fused kernel
/// computes in passing, from which an evaluator forms the run's metrics without a second pass over the matrix.
/// </summary>
/// <param name="BestWinRate"><c>max_y r_{t+1}(y)</c> of the new iterate <c>π_{t+1}</c>; its duality gap is <c>2 (max − 1/2)</c>.</param>
/// <param name="KlStep"><c>KL(π_{t+1} ‖ π_t)</c>.</param>
/// <param name="Entropy">Entropy of <c>π_{t+1}</c> in nats.</param>
/// <param name="KlToReference"><c>KL(π_{t+1} ‖ π_0)</c>, to the initial policy.</param>
public readonly record struct MirrorDescentContextStep(double BestWinRate, double KlStep, double Entropy, double KlToReference);
