using System.Numerics.Tensors;

namespace Rebel.Games.Exact;

/// <summary>
/// The equaliser system of a support S: <c>M_SS x = v·1, 1ᵀx = 1</c> (every supported response wins exactly half
/// against x). Solved by LU with partial pivoting and one step of iterative refinement, it turns a support found by
/// pivoting into a solution accurate to round-off.
/// </summary>
internal static class EqualiserSystem
{
    private const double SingularTolerance = 1e-12;

    /// <summary>The full-length solution x on <paramref name="support"/> (zero elsewhere), or null when the system is singular.</summary>
    public static double[]? Solve(ReadOnlySpan<double> p, int n, IReadOnlyList<int> support)
    {
        int k = support.Count;
        int m = k + 1;
        var system = new double[m * m];
        for (int a = 0; a < k; a++)
        {
            for (int c = 0; c < k; c++)
                system[a * m + c] = p[support[c] * n + support[a]] - 0.5;
            system[a * m + k] = -1;
            system[k * m + a] = 1;
        }
        var rhs = new double[m];
        rhs[k] = 1;
        var lu = (double[])system.Clone();
        var permutation = new int[m];
        if (!Factor(lu, m, permutation))
            return null;
        var x = Substitute(lu, m, permutation, rhs);
        // One refinement step: solve for the residual's correction.
        var residual = new double[m];
        for (int a = 0; a < m; a++)
        {
            double s = rhs[a];
            for (int c = 0; c < m; c++)
                s -= system[a * m + c] * x[c];
            residual[a] = s;
        }
        var correction = Substitute(lu, m, permutation, residual);
        var full = new double[n];
        for (int a = 0; a < k; a++)
            full[support[a]] = x[a] + correction[a];
        return full;
    }

    private static bool Factor(double[] a, int m, int[] permutation)
    {
        double scale = 0;
        foreach (double v in a)
            scale = Math.Max(scale, Math.Abs(v));
        for (int i = 0; i < m; i++)
            permutation[i] = i;
        for (int col = 0; col < m; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < m; r++)
                if (Math.Abs(a[r * m + col]) > Math.Abs(a[pivot * m + col]))
                    pivot = r;
            if (Math.Abs(a[pivot * m + col]) <= SingularTolerance * scale)
                return false;
            if (pivot != col)
            {
                for (int c = 0; c < m; c++)
                    (a[pivot * m + c], a[col * m + c]) = (a[col * m + c], a[pivot * m + c]);
                (permutation[pivot], permutation[col]) = (permutation[col], permutation[pivot]);
            }
            double inverse = 1 / a[col * m + col];
            var pivotRow = a.AsSpan(col * m + col + 1, m - col - 1);
            for (int r = col + 1; r < m; r++)
            {
                double f = a[r * m + col] * inverse;
                a[r * m + col] = f;
                if (f != 0)
                    TensorPrimitives.MultiplyAdd(pivotRow, -f, a.AsSpan(r * m + col + 1, m - col - 1), a.AsSpan(r * m + col + 1, m - col - 1));
            }
        }
        return true;
    }

    private static double[] Substitute(double[] lu, int m, int[] permutation, double[] rhs)
    {
        var y = new double[m];
        for (int i = 0; i < m; i++)
        {
            double s = rhs[permutation[i]];
            for (int c = 0; c < i; c++)
                s -= lu[i * m + c] * y[c];
            y[i] = s;
        }
        for (int i = m - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int c = i + 1; c < m; c++)
                s -= lu[i * m + c] * y[c];
            y[i] = s / lu[i * m + i];
        }
        return y;
    }
}
