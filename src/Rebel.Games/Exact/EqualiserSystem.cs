using System.Numerics.Tensors;
using Rebel.Games.Linear;

namespace Rebel.Games.Exact;

/// <summary>
/// The equaliser system of a support S: <c>M_SS x = v·1, 1ᵀx = 1</c> (every supported response wins exactly half
/// against x). Solved by LU with partial pivoting and one step of iterative refinement, it turns a support found by
/// pivoting into a solution accurate to round-off.
/// </summary>
internal static class EqualiserSystem
{
    private const double SingularTolerance = 1e-12;

    /// <summary>Columns factored per panel of the blocked LU; the trailing matrix takes their update in one pass (<see cref="RankUpdate"/>).</summary>
    private const int Panel = 32;

    /// <summary>The full-length solution x on <paramref name="support"/> (zero elsewhere), or null when the system is singular.</summary>
    public static double[]? Solve(ReadOnlySpan<double> p, int n, IReadOnlyList<int> support)
    {
        int k = support.Count;
        int m = k + 1;
        // One m × m array: the system is factored in place and the refinement's residual reads P again.
        var lu = new double[(long)m * m];
        for (int a = 0; a < k; a++)
        {
            for (int c = 0; c < k; c++)
                lu[(long)a * m + c] = Entry(p, n, support, a, c);
            lu[(long)a * m + k] = -1;
            lu[(long)k * m + a] = 1;
        }
        var rhs = new double[m];
        rhs[k] = 1;
        var permutation = new int[m];
        if (!Factor(lu, m, permutation))
            return null;
        var x = Substitute(lu, m, permutation, rhs);
        // One refinement step: solve for the residual's correction, the system's entries read from P column by column.
        var residual = (double[])rhs.Clone();
        for (int c = 0; c < k; c++)
        {
            for (int a = 0; a < k; a++)
                residual[a] -= Entry(p, n, support, a, c) * x[c];
            residual[k] -= x[c];
        }
        for (int a = 0; a < k; a++)
            residual[a] += x[k];
        var correction = Substitute(lu, m, permutation, residual);
        var full = new double[n];
        for (int a = 0; a < k; a++)
            full[support[a]] = x[a] + correction[a];
        return full;
    }

    // Entry (a, c) of M_SS: the margin of support[a] against support[c].
    private static double Entry(ReadOnlySpan<double> p, int n, IReadOnlyList<int> support, int a, int c) =>
        p[support[c] * n + support[a]] - 0.5;

    /// <summary>
    /// LU with partial pivoting in place (row-major; rows swapped whole, L's unit diagonal implied): panels of
    /// <see cref="Panel"/> columns are factored column by column, their rows of U solved, and the trailing matrix takes
    /// the panel's rank-32 update in one blocked pass, so the O(m³) part runs compute-bound on every core.
    /// </summary>
    private static unsafe bool Factor(double[] a, int m, int[] permutation)
    {
        double scale = 0;
        foreach (double v in a)
            scale = Math.Max(scale, Math.Abs(v));
        for (int i = 0; i < m; i++)
            permutation[i] = i;
        var multipliers = new double[(long)m * Panel];
        for (int j0 = 0; j0 < m; j0 += Panel)
        {
            int j1 = Math.Min(m, j0 + Panel);
            for (int col = j0; col < j1; col++)
            {
                int pivot = col;
                for (int r = col + 1; r < m; r++)
                    if (Math.Abs(a[(long)r * m + col]) > Math.Abs(a[(long)pivot * m + col]))
                        pivot = r;
                if (Math.Abs(a[(long)pivot * m + col]) <= SingularTolerance * scale)
                    return false;
                if (pivot != col)
                {
                    var upper = a.AsSpan((int)((long)col * m), m);
                    var lower = a.AsSpan((int)((long)pivot * m), m);
                    for (int c = 0; c < m; c++)
                        (upper[c], lower[c]) = (lower[c], upper[c]);
                    (permutation[pivot], permutation[col]) = (permutation[col], permutation[pivot]);
                }
                double inverse = 1 / a[(long)col * m + col];
                var pivotRow = a.AsSpan((int)((long)col * m + col + 1), j1 - col - 1);
                for (int r = col + 1; r < m; r++)
                {
                    double f = a[(long)r * m + col] * inverse;
                    a[(long)r * m + col] = f;
                    if (f != 0)
                        TensorPrimitives.MultiplyAdd(pivotRow, -f, a.AsSpan((int)((long)r * m + col + 1), j1 - col - 1), a.AsSpan((int)((long)r * m + col + 1), j1 - col - 1));
                }
            }
            if (j1 == m)
                break;
            // U's rows of the panel right of it: forward substitution with the panel's unit lower triangle.
            int width = m - j1;
            for (int i = j0 + 1; i < j1; i++)
            {
                var row = a.AsSpan((int)((long)i * m + j1), width);
                for (int q = j0; q < i; q++)
                    TensorPrimitives.MultiplyAdd(a.AsSpan((int)((long)q * m + j1), width), -a[(long)i * m + q], row, row);
            }
            // The trailing matrix: A22 −= L21 U12, the panel's multipliers negated into a contiguous block.
            int panel = j1 - j0, below = m - j1;
            for (int r = 0; r < below; r++)
                for (int q = 0; q < panel; q++)
                    multipliers[(long)r * panel + q] = -a[(long)(j1 + r) * m + j0 + q];
            fixed (double* pa = a, pu = multipliers)
            {
                var (trailing, u, v) = ((nint)(pa + (long)j1 * m + j1), (nint)pu, (nint)(pa + (long)j0 * m + j1));
                RowBlocks.For(below, (long)width * panel * sizeof(double) / 4, (first, end) =>
                    RankUpdate.Apply((double*)trailing, m, width, null, first, end, (double*)u, panel, (double*)v, panel));
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
