using System.Runtime.Intrinsics;

namespace Rebel.Games.Linear;

/// <summary>
/// <c>A_i += Σ_p u_ip · v_p</c> over k row vectors v (a rank-k update, the heart of a blocked elimination), tiled so that
/// the k rows' tile of V stays in L1 while two rows of A keep sixteen entries each in registers: one load of V feeds
/// two fused multiply–adds. Each entry sums its k terms in order p = 0, 1, … with fused multiply–adds, so the result
/// does not depend on the tiling, the pairing of rows or the number of threads.
/// </summary>
internal static unsafe class RankUpdate
{
    /// <summary>Columns per tile: k ≤ 32 rows of V × 128 doubles = 32 KiB.</summary>
    private const int Tile = 128;

    /// <summary>
    /// Updates rows [<paramref name="first"/>, <paramref name="end"/>) of the update (row i of A is
    /// <paramref name="rows"/>[i], or i when null) by the k rows of <paramref name="v"/>, over the first
    /// <paramref name="columns"/> columns.
    /// </summary>
    /// <param name="a">Row-major A with row stride <paramref name="m"/>.</param>
    /// <param name="m">Row stride of A and of v.</param>
    /// <param name="columns">Columns updated, at most <paramref name="m"/>.</param>
    /// <param name="rows">Which row of A update row i is, or null for row i.</param>
    /// <param name="first">First update row.</param>
    /// <param name="end">One past the last update row.</param>
    /// <param name="u">Coefficients: u_ip at <c>u[i · uStride + p]</c>.</param>
    /// <param name="uStride">Row stride of u.</param>
    /// <param name="v">The k row vectors, row-major with stride <paramref name="m"/>.</param>
    /// <param name="k">How many.</param>
    public static void Apply(double* a, int m, int columns, int[]? rows, int first, int end, double* u, int uStride, double* v, int k)
    {
        for (int j0 = 0; j0 < columns; j0 += Tile)
        {
            int j1 = Math.Min(columns, j0 + Tile);
            int i = first;
            for (; i + 2 <= end; i += 2)
            {
                Pair(Row(a, m, rows, i), Row(a, m, rows, i + 1), u + (long)i * uStride, u + (long)(i + 1) * uStride, v, m, k, j0, j1);
            }
            if (i < end)
            {
                double* row = Row(a, m, rows, i);
                double* ui = u + (long)i * uStride;
                Tail(row, ui, v, m, k, j0, j1);
            }
        }
    }

    private static double* Row(double* a, int m, int[]? rows, int i) => a + (long)(rows is null ? i : rows[i]) * m;

    // Two rows over columns [j0, j1): sixteen entries of each in registers across the k terms.
    private static void Pair(double* r0, double* r1, double* u0, double* u1, double* v, int m, int k, int j0, int j1)
    {
        int j = j0;
        for (; j + 16 <= j1; j += 16)
        {
            var a0 = Vector256.Load(r0 + j);
            var a1 = Vector256.Load(r0 + j + 4);
            var a2 = Vector256.Load(r0 + j + 8);
            var a3 = Vector256.Load(r0 + j + 12);
            var b0 = Vector256.Load(r1 + j);
            var b1 = Vector256.Load(r1 + j + 4);
            var b2 = Vector256.Load(r1 + j + 8);
            var b3 = Vector256.Load(r1 + j + 12);
            for (int p = 0; p < k; p++)
            {
                var f = Vector256.Create(u0[p]);
                var g = Vector256.Create(u1[p]);
                double* vp = v + (long)p * m + j;
                var v0 = Vector256.Load(vp);
                var v1 = Vector256.Load(vp + 4);
                var v2 = Vector256.Load(vp + 8);
                var v3 = Vector256.Load(vp + 12);
                a0 = Vector256.FusedMultiplyAdd(v0, f, a0);
                a1 = Vector256.FusedMultiplyAdd(v1, f, a1);
                a2 = Vector256.FusedMultiplyAdd(v2, f, a2);
                a3 = Vector256.FusedMultiplyAdd(v3, f, a3);
                b0 = Vector256.FusedMultiplyAdd(v0, g, b0);
                b1 = Vector256.FusedMultiplyAdd(v1, g, b1);
                b2 = Vector256.FusedMultiplyAdd(v2, g, b2);
                b3 = Vector256.FusedMultiplyAdd(v3, g, b3);
            }
            a0.Store(r0 + j);
            a1.Store(r0 + j + 4);
            a2.Store(r0 + j + 8);
            a3.Store(r0 + j + 12);
            b0.Store(r1 + j);
            b1.Store(r1 + j + 4);
            b2.Store(r1 + j + 8);
            b3.Store(r1 + j + 12);
        }
        if (j < j1)
        {
            Tail(r0, u0, v, m, k, j, j1);
            Tail(r1, u1, v, m, k, j, j1);
        }
    }

    // One row over columns [j0, j1), scalar: the columns past the last whole group of sixteen, and an odd last row.
    private static void Tail(double* row, double* u, double* v, int m, int k, int j0, int j1)
    {
        for (int j = j0; j < j1; j++)
        {
            double s = row[j];
            for (int p = 0; p < k; p++)
                s = Math.FusedMultiplyAdd(v[(long)p * m + j], u[p], s);
            row[j] = s;
        }
    }
}
