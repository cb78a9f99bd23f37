using System.Numerics.Tensors;
using Rebel.Games.Linear;

namespace Rebel.Games.Exact;

/// <summary>
/// Lemke's complementary pivoting on the linear complementarity problem of a symmetric (skew) game, in dictionary form.
/// With the margin <c>M = P − 1/2</c> and <c>Q = 11ᵀ − M</c> (entries 1.5 − P, all positive), the LCP
/// <c>w = Qz − 1 ≥ 0, z ≥ 0, zᵀw = 0</c> has exactly the minimax winners as solutions: <c>zᵀQz = (1ᵀz)² = 1ᵀz</c> forces
/// <c>1ᵀz = 1</c>, and then <c>Mz = 1 − Qz ≤ 0</c>. Q is copositive-plus, so the cold start (covering vector 1) with the
/// lexicographic ratio test always ends at a solution. A warm start first exchanges a guessed support into the basis
/// by principal pivots and then covers the remaining infeasibility from there.
/// Variables are numbered <c>w_i = i</c>, <c>z_i = n + i</c>, <c>z0 = 2n</c>; row r reads <c>x_row = b_r + Σ_c A[r, c] x_col</c>,
/// with the constant b_r stored as column n + 1 so that one elimination updates coefficients and constants alike.
/// In extended precision every entry carries a second double with its round-off (double-double arithmetic, about 32
/// digits): ill-conditioned games divide by pivots near 1e-10, which leaves a double dictionary only ~7 correct digits.
/// Decisions (ratio tests) read the leading double; only the eliminations pay for the extra precision.
/// </summary>
internal sealed class LemkeDictionary
{
    private readonly double _pivotTolerance;
    private readonly double _tieTolerance;
    private readonly double _feasibilityTolerance;

    private readonly int _n;
    private readonly int _stride;
    private readonly int _size;
    private readonly int[]? _pool;
    private readonly int[]? _position;
    private readonly double[] _a;
    private readonly double[]? _low;
    private readonly int[] _rowVar;
    private readonly int[] _colVar;
    private readonly int[] _rowOf;
    private readonly int[] _colOf;
    private DeferredPivots? _deferred;

    /// <summary>The cold-start dictionary <c>w = −1 + Q z + 1·z0</c> of a column-major n×n preference matrix.</summary>
    /// <param name="p">The column-major preference matrix.</param>
    /// <param name="n">Number of responses.</param>
    /// <param name="extended">Whether to pivot in double-double precision (about 20 times slower).</param>
    public LemkeDictionary(ReadOnlySpan<double> p, int n, bool extended = false)
        : this(p, n, null, extended)
    {
    }

    /// <summary>
    /// The cold-start dictionary of the game restricted to <paramref name="pool"/> (all n responses when null): a
    /// restricted game is again symmetric, and its minimax winner is the whole game's when no response outside the
    /// pool beats it. Responses are named by their index in the whole game in <see cref="PivotIn"/> and <see cref="Solution"/>.
    /// </summary>
    /// <param name="p">The column-major preference matrix of the whole game.</param>
    /// <param name="size">Responses of the whole game.</param>
    /// <param name="pool">The responses kept, distinct, or null for all.</param>
    /// <param name="extended">Whether to pivot in double-double precision (about 20 times slower).</param>
    public LemkeDictionary(ReadOnlySpan<double> p, int size, int[]? pool, bool extended = false)
    {
        int n = pool?.Length ?? size;
        _size = size;
        _pool = pool;
        if (pool is not null)
        {
            _position = new int[size];
            Array.Fill(_position, -1);
            for (int a = 0; a < pool.Length; a++)
                _position[pool[a]] = a;
        }
        _n = n;
        _stride = n + 2;
        // Round-off decides which tiny entries are noise: ~1e-16 relative in double, ~1e-32 in double-double.
        (_pivotTolerance, _tieTolerance, _feasibilityTolerance) = extended ? (1e-13, 1e-14, 1e-14) : (1e-10, 1e-11, 1e-11);
        _a = new double[n * _stride];
        _rowVar = new int[n];
        _colVar = new int[n + 1];
        _rowOf = new int[2 * n + 1];
        _colOf = new int[2 * n + 1];
        for (int i = 0; i < n; i++)
        {
            var row = _a.AsSpan(i * _stride, _stride);
            for (int j = 0; j < n; j++)
                row[j] = 1.5 - p[Whole(j) * size + Whole(i)];
            row[n] = 1;
            row[n + 1] = -1;
        }
        if (extended)
        {
            // 1.5 − p is not always a double; the low parts keep the LCP exact.
            _low = new double[n * _stride];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                    _low[i * _stride + j] = SumError(1.5, -p[Whole(j) * size + Whole(i)], _a[i * _stride + j]);
            }
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

    // The index in the whole game of the restricted game's response a.
    private int Whole(int a) => _pool is null ? a : _pool[a];

    /// <summary>Pivots made so far.</summary>
    public int Pivots { get; private set; }

    /// <summary>
    /// From the cold dictionary, makes <c>z_i</c> basic for the guessed support (a block principal pivot). Gauss–Jordan
    /// runs only on the candidates' rows (its pivots held back, <see cref="DeferredPivots"/>), largest remaining
    /// diagonal first so that the pivots stay well conditioned; candidates whose diagonal has vanished (a singular
    /// block) stay out. The other rows follow by one blocked product, <c>w_i = Q_i,S̄ z_S̄ − 1 + Σ_a Q_i,S_a z_S_a</c>
    /// with z_S substituted. Then resets the covering column to 1 in the new basis. Returns how many candidates entered.
    /// </summary>
    public int PivotIn(IReadOnlyList<int> candidates)
    {
        if (Pivots != 0)
            throw new InvalidOperationException("principal pivots start from the cold dictionary");
        if (_position is not null)
            candidates = candidates.Select(j => _position[j] >= 0 ? _position[j] : throw new ArgumentException($"response {j} is not in the pool", nameof(candidates))).ToArray();
        if (_low is not null)
            return PivotInOneByOne(candidates);
        int n = _n, m = _stride, k = candidates.Count;
        var block = new double[k * m];
        for (int a = 0; a < k; a++)
            _a.AsSpan(candidates[a] * m, m).CopyTo(block.AsSpan(a * m, m));
        var done = new bool[k];
        var entered = new List<int>(k);
        var pivots = new DeferredPivots(block, k, m);
        while (true)
        {
            int chosen = -1;
            double best = _pivotTolerance * 1e3;
            for (int a = 0; a < k; a++)
            {
                if (done[a])
                    continue;
                double d = Math.Abs(pivots.Entry(a, candidates[a]));
                if (d > best)
                {
                    best = d;
                    chosen = a;
                }
            }
            if (chosen < 0)
                break;
            pivots.Pivot(chosen, candidates[chosen]);
            done[chosen] = true;
            entered.Add(chosen);
        }
        pivots.Flush();
        int s = entered.Count;
        var support = entered.Select(a => candidates[a]).ToArray();
        // The solved rows are read where the elimination left them (row entered[e] of the block): no compacted copy,
        // which at n = 10,000 would be another s × n doubles (~400 MB).
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
        AddSolvedRows(others, coefficients, block, entered, s);
        for (int e = 0; e < s; e++)
        {
            int j = support[e];
            block.AsSpan(entered[e] * m, m).CopyTo(_a.AsSpan(j * m, m));
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

    /// <summary>
    /// The other rows' substitution <c>row_o += Σ_e coefficients[o, e] · (solved row e)</c>, a panel of
    /// <see cref="DeferredPivots.Depth"/> solved rows at a time (copied together, so that <see cref="RankUpdate"/> reads
    /// them as one block) while threads take blocks of the other rows.
    /// </summary>
    private unsafe void AddSolvedRows(int[] others, double[] coefficients, double[] block, List<int> entered, int s)
    {
        int m = _stride;
        var panel = new double[DeferredPivots.Depth * m];
        fixed (double* a = _a, c = coefficients, v = panel)
        {
            var (pa, pc, pv) = ((nint)a, (nint)c, (nint)v);
            for (int e0 = 0; e0 < s; e0 += DeferredPivots.Depth)
            {
                int k = Math.Min(s, e0 + DeferredPivots.Depth) - e0;
                for (int e = 0; e < k; e++)
                    block.AsSpan(entered[e0 + e] * m, m).CopyTo(panel.AsSpan(e * m, m));
                int offset = e0;
                RowBlocks.For(others.Length, (long)k * m * sizeof(double) / 4, (first, end) =>
                    RankUpdate.Apply((double*)pa, m, m, others, first, end, (double*)pc + offset, s, (double*)pv, k));
            }
        }
    }

    /// <summary>
    /// The extended-precision principal pivot: one full dictionary pivot per candidate, largest remaining diagonal first,
    /// so that every entry keeps its low part (the blocked product of <see cref="PivotIn"/> is double only).
    /// </summary>
    private int PivotInOneByOne(IReadOnlyList<int> candidates)
    {
        var pending = new List<int>(candidates);
        while (true)
        {
            int chosen = -1;
            double best = _pivotTolerance * 1e3;
            foreach (int j in pending)
            {
                double d = Math.Abs(_a[_rowOf[j] * _stride + _colOf[_n + j]]);
                if (d > best)
                {
                    best = d;
                    chosen = j;
                }
            }
            if (chosen < 0)
                break;
            Pivot(_rowOf[chosen], _colOf[_n + chosen]);
            pending.Remove(chosen);
        }
        for (int r = 0; r < _n; r++)
        {
            _a[r * _stride + _n] = 1;
            _low![r * _stride + _n] = 0;
        }
        return candidates.Count - pending.Count;
    }

    /// <summary>Runs Lemke's method from the current basis; true when it ends at a solution within <paramref name="maxPivots"/>.</summary>
    public bool Run(int maxPivots)
    {
        // In double precision the run's pivots are held back and applied in batches (DeferredPivots); the constants,
        // which every ratio test reads, are kept current in a contiguous column.
        _deferred = _low is null ? new DeferredPivots(_a, _n, _stride, _n + 1) : null;
        try
        {
            return Walk(maxPivots);
        }
        finally
        {
            _deferred?.Flush();
            _deferred = null;
        }
    }

    private bool Walk(int maxPivots)
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
            double c = Entry(r, column);
            if (B(r) < 0 && c > _pivotTolerance && (row < 0 || LexLess(r, c, row, Entry(row, column))))
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

    /// <summary>The current <c>z</c> over the whole game's responses (non-negative by construction, clipped against round-off; zero outside the pool).</summary>
    public double[] Solution()
    {
        var z = new double[_size];
        for (int r = 0; r < _n; r++)
        {
            int v = _rowVar[r];
            if (v >= _n && v < 2 * _n)
                z[Whole(v - _n)] = Math.Max(B(r), 0);
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
            double c = -Entry(r, column);
            if (c <= _pivotTolerance)
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
            double c = -Entry(z0Row, column);
            if (c > _pivotTolerance && Tied(B(z0Row) / c, B(row) / rowDivisor))
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
            return -Entry(r, col);
        return _rowOf[j] == r ? 1 : 0;
    }

    private bool Tied(double x, double y) => Math.Abs(x - y) <= _tieTolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));

    private double B(int r) => Entry(r, _n + 1);

    /// <summary>The current entry (r, c): through the held-back pivots while a double-precision run is under way.</summary>
    private double Entry(int r, int c) => _deferred?.Entry(r, c) ?? _a[r * _stride + c];

    /// <summary>Exchanges the basic variable of row r with the nonbasic variable of column c: one pass over the dictionary.</summary>
    private void Pivot(int r, int c)
    {
        if (_deferred is not null)
            _deferred.Pivot(r, c);
        else
            EliminateExtended(r, c);
        // Degenerate games have many basic variables at exactly zero; round-off must not turn them negative, or the
        // next ratio test steps backwards and the basis loses feasibility.
        var constants = _deferred is not null ? _deferred.Tracked.AsSpan() : default;
        for (int i = 0; i < _n; i++)
        {
            ref double b = ref _deferred is not null ? ref constants[i] : ref _a[i * _stride + _n + 1];
            if (b < 0 && b > -_feasibilityTolerance)
            {
                b = 0;
                if (_low is not null)
                    _low[i * _stride + _n + 1] = 0;
            }
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

    /// <summary>The dictionary pivot on (r, c) over the whole dictionary in double-double arithmetic (value = high + low).</summary>
    private void EliminateExtended(int r, int c)
    {
        var high = _a;
        var low = _low!;
        int m = _stride, p0 = r * m;
        var (ih, il) = Inverse(high[p0 + c], low[p0 + c]);
        for (int j = 0; j < m; j++)
            (high[p0 + j], low[p0 + j]) = Multiply(high[p0 + j], low[p0 + j], -ih, -il);
        (high[p0 + c], low[p0 + c]) = (ih, il);
        for (int i = 0; i < _n; i++)
        {
            int q = i * m;
            double fh = high[q + c], fl = low[q + c];
            if (i == r || (fh == 0 && fl == 0))
                continue;
            for (int j = 0; j < m; j++)
            {
                var (ph, pl) = Multiply(fh, fl, high[p0 + j], low[p0 + j]);
                (high[q + j], low[q + j]) = Add(high[q + j], low[q + j], ph, pl);
            }
            (high[q + c], low[q + c]) = Multiply(fh, fl, ih, il);
        }
    }

    /// <summary>The exact error of the double sum <paramref name="s"/> = a + b (Knuth's TwoSum).</summary>
    private static double SumError(double a, double b, double s)
    {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    private static (double High, double Low) Normalise(double high, double low)
    {
        double s = high + low;
        return (s, low - (s - high));
    }

    private static (double High, double Low) Add(double ah, double al, double bh, double bl)
    {
        double s = ah + bh;
        return Normalise(s, SumError(ah, bh, s) + al + bl);
    }

    private static (double High, double Low) Multiply(double ah, double al, double bh, double bl)
    {
        double p = ah * bh;
        return Normalise(p, Math.FusedMultiplyAdd(ah, bh, -p) + (ah * bl + al * bh));
    }

    /// <summary>1/(ah + al) by one Newton step from the double reciprocal.</summary>
    private static (double High, double Low) Inverse(double ah, double al)
    {
        double q = 1 / ah;
        double residual = Math.FusedMultiplyAdd(-ah, q, 1) - al * q;
        return Normalise(q, q * residual);
    }
}
