using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Linear;

namespace Rebel.Games.Exact;

/// <summary>
/// The duality gap <c>DG(π) = 2 · E_x [ max_y P(y ≻ π(·|x) | x) − 1/2 ]</c>: zero exactly at a minimax winner
/// in every context, so it certifies any claimed solution without a reference solver (DESIGN §1).
/// </summary>
public static class DualityGap
{
    /// <summary>The gap of a single context's policy.</summary>
    public static double Of(GameContext context, Vector<double> policy) => FromWinRates(WinRate.Against(context, policy).AsArray());

    /// <summary>The weighted gap of <paramref name="policy"/> over all contexts of <paramref name="game"/>.</summary>
    public static double Of(TabularGame game, TabularPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(policy);
        policy.EnsureMatches(game);
        double total = 0;
        for (int c = 0; c < game.Contexts.Count; c++)
            total += game.Contexts[c].Weight * Of(game.Contexts[c], policy[c]);
        return total;
    }

    /// <summary>The gap from already computed win rates <c>r = P π</c>: <c>2 (max r − 1/2)</c>.</summary>
    public static double FromWinRates(ReadOnlySpan<double> winRates) => 2 * (winRates[Kernels.ArgMax(winRates)] - 0.5);
}
