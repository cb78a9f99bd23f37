namespace Rebel.Games.Exact;

/// <summary>The stored preference matrix of a <see cref="GameContext"/> as an <see cref="IPreferenceKernel"/>.</summary>
public sealed class DensePreferenceKernel : IPreferenceKernel
{
    private readonly double[] _values;

    /// <summary>Wraps the matrix of <paramref name="context"/> (shared, not copied).</summary>
    public DensePreferenceKernel(GameContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _values = context.PreferenceValues;
        Count = context.Count;
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public void Fill(int rowStart, int rows, int columnStart, int columns, Span<double> block)
    {
        BlockedWinRate.CheckBlock(this, rowStart, rows, columnStart, columns, block);
        // Column-major storage: entry (i, j) at j·n + i.
        for (var c = 0; c < columns; c++)
        {
            var column = _values.AsSpan((columnStart + c) * Count + rowStart, rows);
            for (var r = 0; r < rows; r++) block[r * columns + c] = column[r];
        }
    }
}
