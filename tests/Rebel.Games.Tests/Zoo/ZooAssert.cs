using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Exact;

namespace Rebel.Games.Tests.Zoo;

/// <summary>Checks shared by the zoo tests.</summary>
internal static class ZooAssert
{
    /// <summary>Every context is a preference game: entries in [0, 1], <c>P + Pᵀ = 1</c> to rounding, diagonal 1/2.</summary>
    public static void SkewConsistent(TabularGame game)
    {
        foreach (var c in game.Contexts)
        {
            var p = c.Preference;
            Assert.Equal(c.Count, p.RowCount);
            Assert.Equal(c.Count, p.ColumnCount);
            for (int i = 0; i < c.Count; i++)
            {
                Assert.Equal(0.5, p[i, i]);
                for (int j = 0; j < c.Count; j++)
                {
                    Assert.InRange(p[i, j], 0, 1);
                    Assert.InRange(p[i, j] + p[j, i], 1 - 1e-12, 1 + 1e-12);
                }
            }
            if (c.Features is not null)
                Assert.Equal(c.Count, c.Features.RowCount);
        }
        Assert.Equal(1, game.Contexts.Sum(c => c.Weight), 12);
    }

    /// <summary>The one-context duality gap of <paramref name="policy"/>.</summary>
    public static double Gap(TabularGame game, params double[] policy) =>
        DualityGap.Of(game.Contexts[0], Vector<double>.Build.Dense(policy));

    /// <summary><paramref name="policy"/> is certified a minimax winner: its duality gap is at most 1e-12.</summary>
    public static void MinimaxWinner(TabularGame game, params double[] policy) =>
        Assert.InRange(Gap(game, policy), -1e-12, 1e-12);

    /// <summary>The pure policy on response <paramref name="index"/> of an n-response game.</summary>
    public static double[] Pure(int n, int index)
    {
        var p = new double[n];
        p[index] = 1;
        return p;
    }
}
