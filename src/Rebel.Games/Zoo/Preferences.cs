using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using Rebel.Games.Randomness;

namespace Rebel.Games.Zoo;

/// <summary>Builders shared by the zoo families.</summary>
internal static class Preferences
{
    /// <summary>
    /// The n×n matrix with <c>P[i, j] = above(i, j)</c> for i &lt; j, <c>P[j, i] = 1 − P[i, j]</c> and 1/2 on the
    /// diagonal: skew-consistent by construction, whatever rounding <paramref name="above"/> does.
    /// </summary>
    public static DenseMatrix FromUpper(int n, Func<int, int, double> above)
    {
        var p = new DenseMatrix(n);
        var values = p.Values;
        for (int i = 0; i < n; i++)
        {
            values[i * n + i] = 0.5;
            for (int j = i + 1; j < n; j++)
            {
                double v = above(i, j);
                values[j * n + i] = v;
                values[i * n + j] = 1 - v;
            }
        }
        return p;
    }

    /// <summary>
    /// The logistic function <c>σ(x) = 1 / (1 + e^{−x})</c>, evaluated without overflow for large |x|. It uses the
    /// platform's <c>Math.Exp</c>, so games built on it are reproducible on a machine but may differ in the last bit
    /// across platforms; the random draws themselves never do.
    /// </summary>
    public static double Logistic(double x)
    {
        if (x >= 0)
            return 1 / (1 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1 + e);
    }

    /// <summary>Response names <c>y0 … y{n−1}</c>.</summary>
    public static string[] Names(int n) => Enumerable.Range(0, n).Select(i => "y" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>An n×d matrix of independent N(0, scale²) draws, row by row.</summary>
    public static Matrix<double> Gaussian(SeededRandom rng, int n, int d, double scale)
    {
        var m = new DenseMatrix(n, d);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++)
                m[i, k] = scale * rng.NextGaussian();
        return m;
    }

    /// <summary>A one-context game named after its spec, with the context <c>x0</c> of weight 1.</summary>
    public static TabularGame Single(GameSpec spec, IReadOnlyList<string> responses, Matrix<double> preference, Matrix<double>? features = null) =>
        TabularGame.Single(spec.Text, GameContext.Adopt("x0", 1, responses, preference, features));
}
