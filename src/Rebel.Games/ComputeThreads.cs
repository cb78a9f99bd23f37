namespace Rebel.Games;

/// <summary>
/// How many threads one run's exact kernels (the products <c>P π</c> of mirror descent and of the evaluator) may use.
/// One per core by default; a host that runs several runs at once (a sweep with <c>--jobs J</c>) lowers it so that the
/// runs do not oversubscribe the cores. Results do not depend on it: each row of a product is summed in one order.
/// </summary>
public static class ComputeThreads
{
    private static int _limit = Environment.ProcessorCount;

    /// <summary>The largest number of threads a kernel forks into (at least 1).</summary>
    public static int Limit
    {
        get => Volatile.Read(ref _limit);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _limit, value);
        }
    }

    /// <summary>
    /// Divides the limit among <paramref name="jobs"/> runs that will run at once (at least 1 thread each) until the
    /// returned scope is disposed, which restores it.
    /// </summary>
    public static IDisposable Share(int jobs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        int before = Limit;
        Limit = Math.Max(1, before / jobs);
        return new Restore(before);
    }

    private sealed class Restore(int limit) : IDisposable
    {
        public void Dispose() => Limit = limit;
    }
}
