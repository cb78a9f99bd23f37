namespace Rebel.Games.Linear;

/// <summary>
/// Dictionary pivots on a row-major block with their eliminations held back and applied <see cref="Depth"/> at a time.
/// A pivot on (r, c) replaces row r and column c outright and adds <c>f_i · p_j</c> to every other entry (f the old
/// column c, p the new pivot row): a rank-one update, which alone streams the whole block through memory for 2 flops
/// an entry. Held back, the current block is <c>A + U Vᵀ</c> (pending columns f and rows p), the few entries a pivot
/// reads are formed on demand, and one pass adds all pending updates (<see cref="RankUpdate"/>): the pivots
/// become compute-bound instead of memory-bound. Every entry is updated by one thread in pivot order with fused
/// multiply–adds, on demand and in the pass alike, so results do not depend on when the pass runs or on the number
/// of threads. One column may be tracked eagerly in a contiguous array (a dictionary's constants, read every pivot).
/// </summary>
internal sealed class DeferredPivots
{
    /// <summary>Pivots held back before one pass applies them (<see cref="RankUpdate"/>: their tile of Vᵀ stays in L1).</summary>
    public const int Depth = 32;

    private readonly double[] _a;
    private readonly int _rows;
    private readonly int _m;
    private readonly int _tracked;
    private readonly double[] _u;
    private readonly double[] _vt;
    private readonly double[] _column;
    private readonly double[] _row;
    private int _pending;

    /// <summary>Pivots on <paramref name="rows"/> × <paramref name="m"/> row-major <paramref name="a"/>, current when this is made.</summary>
    /// <param name="a">The block; holds the current values after <see cref="Flush"/>.</param>
    /// <param name="rows">Rows of the block.</param>
    /// <param name="m">Columns (the row stride).</param>
    /// <param name="trackedColumn">A column kept current in <see cref="Tracked"/>, or −1.</param>
    public DeferredPivots(double[] a, int rows, int m, int trackedColumn = -1)
    {
        _a = a;
        _rows = rows;
        _m = m;
        _tracked = trackedColumn;
        _u = new double[(long)rows * Depth];
        _vt = new double[(long)Depth * m];
        _column = new double[rows];
        _row = new double[m];
        Tracked = new double[trackedColumn >= 0 ? rows : 0];
        for (int i = 0; i < Tracked.Length; i++)
            Tracked[i] = a[(long)i * m + trackedColumn];
    }

    /// <summary>The tracked column's current values; writable (a write is a change of the block's entry).</summary>
    public double[] Tracked { get; }

    /// <summary>The current entry (r, j).</summary>
    public double Entry(int r, int j)
    {
        if (j == _tracked)
            return Tracked[r];
        double v = _a[(long)r * _m + j];
        for (int p = 0; p < _pending; p++)
            v = Math.FusedMultiplyAdd(_vt[(long)p * _m + j], _u[(long)r * Depth + p], v);
        return v;
    }

    /// <summary>
    /// Exchanges the basic variable of row r with the nonbasic variable of column c: row r becomes
    /// <c>−row_r / a_rc</c> with <c>1 / a_rc</c> at c, column c of every other row i becomes <c>a_ic / a_rc</c>, and every
    /// other entry gains <c>a_ic</c> times the new row r.
    /// </summary>
    public void Pivot(int r, int c)
    {
        CurrentColumn(c);
        CurrentRow(r);
        double inverse = 1 / _row[c];
        for (int j = 0; j < _m; j++)
            _row[j] *= -inverse;
        _row[c] = inverse;
        // Row r and column c are replaced: their stale entries take the new values and the pending updates skip them.
        _row.CopyTo(_a, (long)r * _m);
        for (int p = 0; p < _pending; p++)
        {
            _u[(long)r * Depth + p] = 0;
            _vt[(long)p * _m + c] = 0;
        }
        int q = _pending;
        for (int i = 0; i < _rows; i++)
        {
            double f = i == r ? 0 : _column[i];
            _u[(long)i * Depth + q] = f;
            if (i != r)
                _a[(long)i * _m + c] = f * inverse;
        }
        if (_tracked >= 0)
        {
            double t = _row[_tracked];
            for (int i = 0; i < _rows; i++)
                Tracked[i] = i == r ? t : Math.FusedMultiplyAdd(t, _column[i], Tracked[i]);
        }
        _row.CopyTo(_vt, (long)q * _m);
        _vt[(long)q * _m + c] = 0;
        if (_tracked >= 0)
            _vt[(long)q * _m + _tracked] = 0;
        _pending++;
        if (_pending == Depth)
            Flush();
    }

    // Column c of the current block into _column (c is not the tracked column: a pivot never enters there).
    private void CurrentColumn(int c)
    {
        Span<double> pending = stackalloc double[Depth];
        for (int p = 0; p < _pending; p++)
            pending[p] = _vt[(long)p * _m + c];
        for (int i = 0; i < _rows; i++)
        {
            double v = _a[(long)i * _m + c];
            for (int p = 0; p < _pending; p++)
                v = Math.FusedMultiplyAdd(pending[p], _u[(long)i * Depth + p], v);
            _column[i] = v;
        }
    }

    // Row r of the current block into _row, the pending updates in pivot order as everywhere else.
    private void CurrentRow(int r)
    {
        _a.AsSpan((int)((long)r * _m), _m).CopyTo(_row);
        for (int p = 0; p < _pending; p++)
        {
            double f = _u[(long)r * Depth + p];
            var v = _vt.AsSpan((int)((long)p * _m), _m);
            for (int j = 0; j < _m; j++)
                _row[j] = Math.FusedMultiplyAdd(v[j], f, _row[j]);
        }
        if (_tracked >= 0)
            _row[_tracked] = Tracked[r];
    }

    /// <summary>Applies the pending pivots and writes the tracked column back: the block is current.</summary>
    public void Flush()
    {
        int k = _pending;
        if (k > 0)
            RowBlocks.For(_rows, (long)_m * k * sizeof(double) / 4, (first, end) => Apply(first, end, k));
        _pending = 0;
        for (int i = 0; i < Tracked.Length; i++)
            _a[(long)i * _m + _tracked] = Tracked[i];
    }

    private unsafe void Apply(int first, int end, int k)
    {
        fixed (double* a = _a, u = _u, vt = _vt)
            RankUpdate.Apply(a, _m, _m, null, first, end, u, Depth, vt, k);
    }
}
