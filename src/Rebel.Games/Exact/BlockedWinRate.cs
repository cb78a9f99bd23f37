using Rebel.Games.Linear;


namespace Rebel.Games.Exact;

/// <summary>
/// Exact win rates <c>r = P π</c> and the duality gap of one context whose preference is an
/// <see cref="IPreferenceKernel"/>: P is filled one block of <see cref="RowBlock"/> × <see cref="ColumnBlock"/>
/// entries at a time and multiplied into π at once, row blocks spread over threads, so memory stays O(n) plus one
/// block per thread. Each row's sum runs over the column blocks in order, so the result does not depend on the
/// number of threads.
/// </summary>
public static class BlockedWinRate
{
    /// <summary>Rows per block: each row of r is owned by one thread.</summary>
    public const int RowBlock = 16;

    /// <summary>Columns per block: 16 × 1024 doubles (128 KiB) stay in a core's L2 cache between filling and use.</summary>
    public const int ColumnBlock = 1024;

    /// <summary>Writes <c>r(y) = Σ_y' P(y ≻ y') π(y')</c> into <paramref name="winRates"/>.</summary>
    /// <param name="kernel">The preference.</param>
    /// <param name="policy">π over the kernel's responses.</param>
    /// <param name="winRates">The output, length n.</param>
    /// <param name="threads">Worker threads; 0 for one per core.</param>
    public static void Against(IPreferenceKernel kernel, double[] policy, double[] winRates, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(winRates);
        int n = kernel.Count;
        if (policy.Length != n || winRates.Length != n)
            throw new ArgumentException($"the preference has {n} responses; policy has {policy.Length}, winRates has {winRates.Length}");
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
        Parallel.For(0, (n + RowBlock - 1) / RowBlock, options, () => new double[RowBlock * ColumnBlock], (b, _, block) =>
        {
            int rowStart = b * RowBlock, rows = Math.Min(RowBlock, n - rowStart);
            Span<double> sums = stackalloc double[RowBlock];
            sums.Clear();
            for (var columnStart = 0; columnStart < n; columnStart += ColumnBlock)
            {
                int columns = Math.Min(ColumnBlock, n - columnStart);
                kernel.Fill(rowStart, rows, columnStart, columns, block);
                var pi = policy.AsSpan(columnStart, columns);
                for (var r = 0; r < rows; r++) sums[r] += Kernels.Dot(block.AsSpan(r * columns, columns), pi);
            }
            sums[..rows].CopyTo(winRates.AsSpan(rowStart, rows));
            return block;
        }, _ => { });
    }

    /// <summary>The duality gap <c>2 (max_y r(y) − 1/2)</c> of <paramref name="policy"/> (see <see cref="DualityGap"/>).</summary>
    public static double DualityGapOf(IPreferenceKernel kernel, double[] policy, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var winRates = new double[kernel.Count];
        Against(kernel, policy, winRates, threads);
        return DualityGap.FromWinRates(winRates);
    }

    /// <summary>Throws unless the block lies within the kernel and <paramref name="block"/> can hold it (for implementations).</summary>
    public static void CheckBlock(IPreferenceKernel kernel, int rowStart, int rows, int columnStart, int columns, Span<double> block)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        int n = kernel.Count;
        if (rowStart < 0 || rows < 0 || columnStart < 0 || columns < 0 || rowStart > n - rows || columnStart > n - columns)
            throw new ArgumentOutOfRangeException(nameof(rows), $"block [{rowStart}, +{rows}) × [{columnStart}, +{columns}) is not within {n} × {n}");
        if (block.Length < (long)rows * columns)
            throw new ArgumentException($"block holds {block.Length} entries, {rows} × {columns} needed", nameof(block));
    }
}
