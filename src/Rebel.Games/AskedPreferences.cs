using MathNet.Numerics.LinearAlgebra;

namespace Rebel.Games;

/// <summary>A preference matrix from answers asked of a model for every ordered pair, which need not be skew.</summary>
public static class AskedPreferences
{
    /// <summary>
    /// <c>P(a ≻ b) = (p(a, b) + 1 − p(b, a)) / 2</c> off the diagonal and ½ on it, from the answers <paramref name="asked"/>
    /// [a, b] = p(a, b) (the diagonal is not read): a model with a position bias still gives a valid game, and a skew one
    /// gives its own matrix.
    /// </summary>
    public static Matrix<double> Skew(double[,] asked)
    {
        ArgumentNullException.ThrowIfNull(asked);
        int n = asked.GetLength(0);
        if (asked.GetLength(1) != n)
            throw new ArgumentException($"the answers are {n}×{asked.GetLength(1)}, not square", nameof(asked));
        return Matrix<double>.Build.Dense(n, n, (a, b) => a == b ? 0.5 : (asked[a, b] + 1 - asked[b, a]) / 2);
    }
}
