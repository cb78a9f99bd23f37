namespace Rebel.Games.Exact;

/// <summary>Minimax winners of every context of a game.</summary>
/// <param name="Policy">The minimax-winner policy over all contexts.</param>
/// <param name="Contexts">Per-context results, in context order.</param>
/// <param name="DualityGap">The weighted certificate <c>DG(π)</c> over contexts.</param>
public sealed record GameSolution(TabularPolicy Policy, IReadOnlyList<MinimaxWinnerResult> Contexts, double DualityGap);
