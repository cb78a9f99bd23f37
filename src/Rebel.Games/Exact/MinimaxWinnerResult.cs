using MathNet.Numerics.LinearAlgebra;

namespace Rebel.Games.Exact;

/// <summary>A minimax winner of one context with its certificate.</summary>
/// <param name="Policy">The minimax-winner policy, in response order.</param>
/// <param name="Support">Indices of responses with positive probability, ascending.</param>
/// <param name="DualityGap">The certificate <c>DG(π)</c>, computed from the returned policy itself.</param>
public sealed record MinimaxWinnerResult(Vector<double> Policy, IReadOnlyList<int> Support, double DualityGap);
