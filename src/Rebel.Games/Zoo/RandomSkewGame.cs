using MathNet.Numerics.LinearAlgebra;

namespace Rebel.Games.Zoo;

/// <summary>
/// The peers' dense random game, generated in C#: <c>A ~ N(0,1)^{n×n}</c>, <c>S = (A − Aᵀ)/2</c>, <c>P = σ(S)</c>.
/// Same distribution as <c>peers/common.py</c>, not the same draws (comparisons on the peers' exact instance read its JSON).
/// </summary>
internal static class RandomSkewGame
{
    /// <summary>A one-context game of n responses drawn from <paramref name="seed"/>.</summary>
    public static GameContext Create(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = Gaussian(random);
        var p = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 0.5 : 1 / (1 + Math.Exp(-(a[i, j] - a[j, i]) / 2)));
        // Force exact skew-consistency: σ(−s) = 1 − σ(s) only up to round-off.
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                p[j, i] = 1 - p[i, j];
        return GameContext.Adopt("x0", 1, Enumerable.Range(0, n).Select(i => "y" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), p);
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller; 1 − U keeps the logarithm finite.
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
