using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Linear;

namespace Rebel.Games.Exact;

/// <summary>A pure best response to a policy: the response with the highest win rate against it.</summary>
public static class BestResponse
{
    /// <summary>Index of a best response to <paramref name="policy"/> in <paramref name="context"/> (the lowest index on ties).</summary>
    public static int Of(GameContext context, Vector<double> policy) => Kernels.ArgMax(WinRate.Against(context, policy).AsArray());
}
