using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;

namespace Rebel.TheoryTests.Reference;

/// <summary>
/// The quantities of DESIGN §1 written out directly with MathNet products, independent of the library's kernels,
/// so a property compares the library against the formula rather than against itself.
/// </summary>
internal static class Direct
{
    /// <summary><c>r(y) = P(y ≻ π) = (P π)_y</c>.</summary>
    public static Vector<double> WinRates(GameContext context, Vector<double> policy) => context.Preference * policy;

    /// <summary><c>max_y P(y ≻ π) − 1/2</c> of one context.</summary>
    public static double BestResponseAdvantage(GameContext context, Vector<double> policy) => WinRates(context, policy).Maximum() - 0.5;

    /// <summary><c>DG(π) = 2 E_x [max_y P(y ≻ π(·|x)) − 1/2]</c>.</summary>
    public static double DualityGap(TabularGame game, TabularPolicy policy) =>
        game.Contexts.Select((c, i) => c.Weight * 2 * BestResponseAdvantage(c, policy[i])).Sum();

    /// <summary><c>Σ_x ρ(x) f(x)</c>.</summary>
    public static double Expect(TabularGame game, Func<GameContext, int, double> f) =>
        game.Contexts.Select((c, i) => c.Weight * f(c, i)).Sum();

    /// <summary><c>log softmax(z)</c>, shifted by the maximum for stability.</summary>
    public static Vector<double> LogSoftmax(IEnumerable<double> logits)
    {
        var z = Vector<double>.Build.DenseOfEnumerable(logits);
        double max = z.Maximum();
        return z - (max + Math.Log((z - max).PointwiseExp().Sum()));
    }
}
