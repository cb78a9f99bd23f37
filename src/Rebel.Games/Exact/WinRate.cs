using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Linear;

namespace Rebel.Games.Exact;

/// <summary>
/// Exact win rates: <c>P(y ≻ π | x) = Σ_y' π(y') P(y ≻ y' | x)</c> for every response y, and
/// <c>P(p ≻ q | x) = pᵀ P q</c> between mixed policies.
/// </summary>
public static class WinRate
{
    /// <summary>The vector <c>r(y) = P(y ≻ π | x)</c> over the responses of <paramref name="context"/>.</summary>
    public static Vector<double> Against(GameContext context, Vector<double> policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        var r = new double[context.Count];
        Against(context, policy.AsArray() ?? policy.ToArray(), r);
        return Vector<double>.Build.Dense(r);
    }

    /// <summary>Writes <c>r = P π</c> into <paramref name="winRates"/> without allocating.</summary>
    public static void Against(GameContext context, ReadOnlySpan<double> policy, Span<double> winRates)
    {
        ArgumentNullException.ThrowIfNull(context);
        int n = context.Count;
        if (policy.Length != n || winRates.Length < n)
            throw new ArgumentException($"context '{context.Name}' has {n} responses; policy has {policy.Length}, output has {winRates.Length}");
        if (context.Kernel is { } kernel)
            kernel.WinRates(policy, winRates[..n]);
        else
            ComplementaryKernel.WinRates(context, policy, winRates);
    }

    /// <summary><c>P(p ≻ q | x) = pᵀ P q</c>.</summary>
    public static double Between(GameContext context, Vector<double> p, Vector<double> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.DotProduct(Against(context, q));
    }
}
