using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;

namespace Rebel.TheoryTests.Generators;

/// <summary>Random policies (dense, sparse, pure, uniform), step sizes and horizons.</summary>
internal static class PolicyGen
{
    /// <summary>A distribution over n responses: dense, sparse (random zeros), pure or uniform.</summary>
    public static Gen<Vector<double>> Distribution(int n) => Gen.Frequency(
        (4, Interior(n)),
        (2, Gen.ArrayOf(Gen.Elements(false, true), n).Zip(Interior(n)).Select(t => Sparse(t.Item1, t.Item2))),
        (1, Gen.Choose(0, n - 1).Select(i => Vector<double>.Build.Dense(n, k => k == i ? 1.0 : 0.0))),
        (1, Gen.Constant(Vector<double>.Build.Dense(n, 1.0 / n))));

    /// <summary>A distribution with every probability positive, from normalised exponential draws.</summary>
    public static Gen<Vector<double>> Interior(int n) =>
        Gen.ArrayOf(Gen.Choose(1, 1 << 20), n).Select(u => Normalise(u.Select(v => -Math.Log(v / (double)(1 << 20)) + 1e-3).ToArray()));

    /// <summary>A policy for every context of <paramref name="game"/>.</summary>
    public static Gen<TabularPolicy> For(TabularGame game) =>
        Gen.CollectToArray(game.Contexts, c => Distribution(c.Count)).Select(ds => new TabularPolicy(ds));

    /// <summary>A random game (1–3 weighted contexts of 2..64 responses) with a random policy on it.</summary>
    public static Gen<(GameCase Case, TabularPolicy Policy)> GameAndPolicy { get; } =
        from g in GameGen.Game(3, 2, 64)
        from p in For(g.Game)
        select (g, p);

    /// <summary>A step size η, log-uniform in [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    public static Gen<double> Eta(double lo, double hi) => PreferenceGen.Between(Math.Log(lo), Math.Log(hi)).Select(Math.Exp);

    /// <summary>A horizon T in [1, <paramref name="max"/>], biased to short ones.</summary>
    public static Gen<int> Horizon(int max) => Gen.Frequency((2, Gen.Choose(1, Math.Min(max, 10))), (1, Gen.Choose(1, max)));

    /// <summary>Scales a non-negative vector to sum to 1.</summary>
    private static Vector<double> Normalise(double[] weights)
    {
        double total = weights.Sum();
        return Vector<double>.Build.Dense(weights.Length, i => weights[i] / total);
    }

    private static Vector<double> Sparse(bool[] keep, Vector<double> dense)
    {
        // At least one response keeps its mass, so the result is a distribution.
        keep[0] |= !keep.Any(k => k);
        return Normalise(dense.Select((v, i) => keep[i] ? v : 0).ToArray());
    }
}
