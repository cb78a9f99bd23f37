namespace Rebel.Preference.Regression;

/// <summary>
/// In-place Cholesky solve of a small symmetric positive-definite system held in a span (row-major m×m).
/// The per-context REBEL problems have m ≤ K unknowns; a MathNet matrix per context would allocate
/// on every context of every iteration, which the 10,000-context budget does not allow.
/// </summary>
internal static class SmallCholesky
{
    /// <summary>Solves <c>A x = b</c>; <paramref name="a"/> is overwritten by its factor, <paramref name="b"/> by x.</summary>
    /// <exception cref="InvalidOperationException">A is not positive definite.</exception>
    public static void Solve(Span<double> a, Span<double> b, int m)
    {
        for (int j = 0; j < m; j++)
        {
            double d = a[j * m + j];
            for (int k = 0; k < j; k++)
                d -= a[j * m + k] * a[j * m + k];
            if (!(d > 0))
                throw new InvalidOperationException("least-squares normal matrix is not positive definite (use a positive ridge)");
            double l = Math.Sqrt(d);
            a[j * m + j] = l;
            for (int i = j + 1; i < m; i++)
            {
                double s = a[i * m + j];
                for (int k = 0; k < j; k++)
                    s -= a[i * m + k] * a[j * m + k];
                a[i * m + j] = s / l;
            }
        }
        for (int i = 0; i < m; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++)
                s -= a[i * m + k] * b[k];
            b[i] = s / a[i * m + i];
        }
        for (int i = m - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < m; k++)
                s -= a[k * m + i] * b[k];
            b[i] = s / a[i * m + i];
        }
    }
}
