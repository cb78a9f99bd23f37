using System.Numerics.Tensors;

namespace Rebel.Games.Utils;

/// <summary>
/// Lemke's complementary pivoting on the linear complementarity problem of a symmetric (skew) game, in dictionary form.
/// With the margin <c>M = P − 1/2</c> and <c>Q = 11ᵀ − M</c> (entries 1.5 − P, all positive), the LCP
/// <c>w = Qz − 1 ≥ 0, z ≥ 0, zᵀw = 0</c> has exactly the minimax winners as solutions: <c>zᵀQz = (1ᵀz)² = 1ᵀz</c> forces
/// <c>1ᵀz = 1</c>, and then <c>Mz = 1 − Qz ≤ 0</c>. Q is copositive-plus, so the cold start (covering vector 1) with the
/// lexicographic ratio test always ends at a solution. A warm start first exchanges a guessed support into the basis
/// by principal pivots and then covers the remaining infeasibility from there.
/// Variables are numbered <c>w_i = i</c>, <c>z_i = n + i</c>, <c>z0 = 2n</c>; row r reads <c>x_row = b_r + Σ_c A[r, c] x_col</c>,
/// with the constant b_r stored as column n + 1 so that one elimination updates coefficients and constants alike.
/// </summary>
internal sealed class LemkeDictionary
{
    private const double PivotTolerance = 1e-10;
    private const double TieTolerance = 1e-11;
    private const double FeasibilityTolerance = 1e-11;

    private const int Panel = 32;

    private readonly int _n;
    private readonly int _stride;
    private readonly double[] _a;
    private readonly int[] _rowVar;
    private readonly int[] _colVar;
    private readonly int[] _rowOf;
    private readonly int[] _colOf;

    /// <summary>The cold-start dictionary <c>w = −1 + Q z + 1·z0</c> of a column-major n×n preference matrix.</summary>
    public LemkeDictionary(ReadOnlySpan<double> p, int n)
    {
        _n = n;
        _stride = n + 2;
        _a = new double[n * _stride];
        _rowVar = new int[n];
        _colVar = new int[n + 1];
        _rowOf = new int[2 * n + 1];
        _colOf = new int[2 * n + 1];
        for (int i = 0; i < n; i++)
        {
            var row = _a.AsSpan(i * _stride, _stride);
            for (int j = 0; j < n; j++)
                row[j] = 1.5 - p[j * n + i];
            row[n] = 1;
            row[n + 1] = -1;
        }
        Array.Fill(_rowOf, -1);
        Array.Fill(_colOf, -1);
        for (int i = 0; i < n; i++)
        {
            _rowVar[i] = i;
            _rowOf[i] = i;
            _colVar[i] = n + i;
            _colOf[n + i] = i;
        }
        _colVar[n] = 2 * n;
        _colOf[2 * n] = n;
    }

    /// <summary>Pivots made so far.</summary>
    public int Pivots { get; private set; }

    /// <summary>
    /// From the cold dictionary, makes <c>z_i</c> basic for the guessed support (a block principal pivot). Gauss–Jordan
    /// runs only on the candidates' rows (cache resident), largest remaining diagonal first so that the pivots stay well
    /// conditioned; candidates whose diagonal has vanished (a singular block) stay out. The other rows follow by one
    /// blocked product, <c>w_i = Q_i,S̄ z_S̄ − 1 + Σ_a Q_i,S_a z_S_a</c> with z_S substituted. Then resets the covering
    /// column to 1 in the new basis. Returns how many candidates entered.
    /// </summary>
    public int PivotIn(IReadOnlyList<int> candidates)
    {
        if (Pivots != 0)
            throw new InvalidOperationException("principal pivots start from the cold dictionary");
        int n = _n, m = _stride, k = candidates.Count;
        var block = new double[k * m];
        for (int a = 0; a < k; a++)
            _a.AsSpan(candidates[a] * m, m).CopyTo(block.AsSpan(a * m, m));
        var done = new bool[k];
        var entered = new List<int>(k);
        while (true)
        {
            int chosen = -1;
            double best = PivotTolerance * 1e3;
            for (int a = 0; a < k; a++)
            {
                double d = Math.Abs(block[a * m + candidates[a]]);
                if (!done[a] && d > best)
                {
                    best = d;
                    chosen = a;
                }
            }
            if (chosen < 0)
                break;
            Eliminate(block, k, m, chosen, candidates[chosen]);
            done[chosen] = true;
            entered.Add(chosen);
        }
        int s = entered.Count;
        var support = entered.Select(a => candidates[a]).ToArray();
        var solved = new double[s * m];
        for (int e = 0; e < s; e++)
            block.AsSpan(entered[e] * m, m).CopyTo(solved.AsSpan(e * m, m));
        var inSupport = new bool[n];
        foreach (int j in support)
            inSupport[j] = true;
        var others = Enumerable.Range(0, n).Where(i => !inSupport[i]).ToArray();
        var coefficients = new double[others.Length * Math.Max(s, 1)];
        for (int o = 0; o < others.Length; o++)
        {
            var row = _a.AsSpan(others[o] * m, m);
            for (int e = 0; e < s; e++)
            {
                coefficients[o * s + e] = row[support[e]];
                row[support[e]] = 0;
            }
        }
        // Panels of the solved rows stay in cache while every other row streams past them once.
        for (int e0 = 0; e0 < s; e0 += Panel)
        {
            int e1 = Math.Min(s, e0 + Panel);
            for (int o = 0; o < others.Length; o++)
            {
                var row = _a.AsSpan(others[o] * m, m);
                for (int e = e0; e < e1; e++)
                {
                    double f = coefficients[o * s + e];
                    if (f != 0)
                        TensorPrimitives.MultiplyAdd(solved.AsSpan(e * m, m), f, row, row);
                }
            }
        }
        for (int e = 0; e < s; e++)
        {
            int j = support[e];
            solved.AsSpan(e * m, m).CopyTo(_a.AsSpan(j * m, m));
            _rowVar[j] = n + j;
            _rowOf[n + j] = j;
            _rowOf[j] = -1;
            _colVar[j] = j;
            _colOf[j] = j;
            _colOf[n + j] = -1;
        }
        Pivots += s;
        for (int r = 0; r < n; r++)
            _a[r * m + n] = 1;
        return s;
    }

    /// <summary>Runs Lemke's method from the current basis; true when it ends at a solution within <paramref name="maxPivots"/>.</summary>
    public bool Run(int maxPivots)
    {
        int start = Pivots;
        int z0 = 2 * _n;
        bool feasible = true;
        for (int r = 0; r < _n; r++)
            feasible &= B(r) >= 0;
        if (feasible)
            return true;
        int column = _colOf[z0];
        int row = -1;
        for (int r = 0; r < _n; r++)
        {
            double c = _a[r * _stride + column];
            if (B(r) < 0 && c > PivotTolerance && (row < 0 || LexLess(r, c, row, _a[row * _stride + column])))
                row = r;
        }
        if (row < 0)
            return false;
        while (true)
        {
            int leaving = _rowVar[row];
            Pivot(row, column);
            if (leaving == z0)
                return true;
            if (Pivots - start >= maxPivots)
                return false;
            int entering = leaving < _n ? leaving + _n : leaving - _n;
            column = _colOf[entering];
            row = RatioTest(column);
            if (row < 0)
                return false;
        }
    }

    /// <summary>The current <c>z</c> (non-negative by construction, clipped against round-off).</summary>
    public double[] Solution()
    {
        var z = new double[_n];
        for (int r = 0; r < _n; r++)
        {
            int v = _rowVar[r];
            if (v >= _n && v < 2 * _n)
                z[v - _n] = Math.Max(B(r), 0);
        }
        return z;
    }

    private int RatioTest(int column)
    {
        int row = -1;
        double rowDivisor = 0;
        int z0Row = _rowOf[2 * _n];
        for (int r = 0; r < _n; r++)
        {
            double c = -_a[r * _stride + column];
            if (c <= PivotTolerance)
                continue;
            if (row < 0 || LexLess(r, c, row, rowDivisor))
            {
                row = r;
                rowDivisor = c;
            }
        }
        // Letting z0 leave on a tie ends the path at once.
        if (row >= 0 && z0Row >= 0 && row != z0Row)
        {
            double c = -_a[z0Row * _stride + column];
            if (c > PivotTolerance && Tied(B(z0Row) / c, B(row) / rowDivisor))
                row = z0Row;
        }
        return row;
    }

    /// <summary>Whether row r1 (divided by d1) is lexicographically smaller than row r2 (divided by d2) in (b, B⁻¹).</summary>
    private bool LexLess(int r1, double d1, int r2, double d2)
    {
        double x = B(r1) / d1, y = B(r2) / d2;
        if (!Tied(x, y))
            return x < y;
        for (int j = 0; j < _n; j++)
        {
            x = InverseBasis(r1, j) / d1;
            y = InverseBasis(r2, j) / d2;
            if (!Tied(x, y))
                return x < y;
        }
        return false;
    }

    /// <summary>Entry (r, j) of B⁻¹: the coefficient of the slack w_j in row r of the tableau form.</summary>
    private double InverseBasis(int r, int j)
    {
        int col = _colOf[j];
        if (col >= 0)
            return -_a[r * _stride + col];
        return _rowOf[j] == r ? 1 : 0;
    }

    private static bool Tied(double x, double y) => Math.Abs(x - y) <= TieTolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));

    private double B(int r) => _a[r * _stride + _n + 1];

    /// <summary>Exchanges the basic variable of row r with the nonbasic variable of column c: one pass over the dictionary.</summary>
    private void Pivot(int r, int c)
    {
        Eliminate(_a, _n, _stride, r, c);
        // Degenerate games have many basic variables at exactly zero; round-off must not turn them negative, or the
        // next ratio test steps backwards and the basis loses feasibility.
        for (int i = 0; i < _n; i++)
        {
            ref double b = ref _a[i * _stride + _n + 1];
            if (b < 0 && b > -FeasibilityTolerance)
                b = 0;
        }
        int basic = _rowVar[r], nonbasic = _colVar[c];
        _rowVar[r] = nonbasic;
        _colVar[c] = basic;
        _rowOf[nonbasic] = r;
        _colOf[nonbasic] = -1;
        _colOf[basic] = c;
        _rowOf[basic] = -1;
        Pivots++;
    }

    /// <summary>The dictionary pivot on (r, c) over the first <paramref name="rows"/> rows of a row-major block.</summary>
    private static void Eliminate(double[] a, int rows, int m, int r, int c)
    {
        var pivotRow = a.AsSpan(r * m, m);
        double inverse = 1 / pivotRow[c];
        TensorPrimitives.Multiply(pivotRow, -inverse, pivotRow);
        pivotRow[c] = inverse;
        for (int i = 0; i < rows; i++)
        {
            if (i == r)
                continue;
            var row = a.AsSpan(i * m, m);
            double f = row[c];
            if (f == 0)
                continue;
            TensorPrimitives.MultiplyAdd(pivotRow, f, row, row);
            row[c] = f * inverse;
        }
    }
}
