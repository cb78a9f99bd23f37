namespace Rebel.Games.Linear;

/// <summary>
/// Splits work over the rows of a dense matrix into one contiguous block per thread (up to
/// <see cref="ComputeThreads.Limit"/>) when the rows hold enough bytes to repay a fork and join. Every row is computed
/// by one thread with the arithmetic it has alone, so results do not depend on the number of threads.
/// </summary>
internal static class RowBlocks
{
    /// <summary>Below this many bytes one core streams the rows faster than a fork and join over several (a few microseconds).</summary>
    public const long ParallelBytes = 1 << 20;

    /// <summary>Runs <paramref name="body"/>(start, end) over row blocks covering [0, <paramref name="rows"/>).</summary>
    /// <param name="rows">Rows to cover.</param>
    /// <param name="bytesPerRow">Bytes each row's work reads, to decide whether threads pay.</param>
    /// <param name="body">The work on rows [start, end).</param>
    /// <param name="alignment">Blocks start at multiples of this (a cache line of output per thread).</param>
    /// <param name="threads">Most threads; 0 for <see cref="ComputeThreads.Limit"/>.</param>
    public static void For(int rows, long bytesPerRow, Action<int, int> body, int alignment = 1, int threads = 0)
    {
        int blocks = Count(rows, bytesPerRow, alignment, threads);
        if (blocks == 1)
        {
            body(0, rows);
            return;
        }
        ForkJoin.Run(blocks, b =>
        {
            var (start, end) = Block(rows, blocks, b, alignment);
            if (start < end)
                body(start, end);
        });
    }

    /// <summary>How many blocks <see cref="For"/> uses: one below <see cref="ParallelBytes"/>.</summary>
    internal static int Count(int rows, long bytesPerRow, int alignment, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (rows * bytesPerRow < ParallelBytes)
            return 1;
        int limit = threads == 0 ? ComputeThreads.Limit : threads;
        return Math.Max(1, Math.Min(limit, rows / alignment));
    }

    /// <summary>Rows [start, end) of block <paramref name="b"/> of <paramref name="blocks"/>, starting on multiples of <paramref name="alignment"/>.</summary>
    internal static (int Start, int End) Block(int rows, int blocks, int b, int alignment)
    {
        int size = (rows / alignment + blocks - 1) / blocks * alignment;
        int start = Math.Min(rows, b * size);
        return (start, b == blocks - 1 ? rows : Math.Min(rows, start + size));
    }
}
