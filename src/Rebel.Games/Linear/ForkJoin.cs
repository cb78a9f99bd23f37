using System.Diagnostics;

namespace Rebel.Games.Linear;

/// <summary>
/// Runs <c>body(0)</c> … <c>body(count − 1)</c> at once, each on its own thread: the caller's and dedicated workers that
/// spin for a short while after each job before they sleep. A product of a cache-resident matrix takes tens of
/// microseconds, as long as waking a sleeping thread-pool thread; with <see cref="Parallel"/> the caller often finished
/// every block itself before a worker arrived (times were bimodal, one mode single-threaded). Back-to-back jobs — a run's
/// iterations — find the workers still spinning. One job at a time: a second caller meanwhile (another run in the same
/// process, or a job started from inside a body) gets <see cref="Parallel.For(int, int, Action{int})"/> instead.
/// </summary>
internal static class ForkJoin
{
    /// <summary>How long a worker spins for the next job before it sleeps; bounds the CPU a finished run leaves spinning.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000;

    private static readonly object Growing = new();
    private static Worker[] _workers = [];
    private static int _busy;
    private static long _generation;
    private static Action<int>? _body;
    private static int _count;
    private static int _pending;
    private static Exception? _error;

    /// <summary>Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>), index 0 on the calling thread.</summary>
    public static void Run(int count, Action<int> body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count == 1)
        {
            body(0);
            return;
        }
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, body);
            return;
        }
        try
        {
            Workers(count - 1);
            _body = body;
            _count = count;
            _error = null;
            Volatile.Write(ref _pending, count - 1);
            // The release of the new generation publishes the fields above to the workers that read it.
            Interlocked.Increment(ref _generation);
            for (int k = 0; k < count - 1; k++)
                _workers[k].Wake();
            Exception? own = null;
            try
            {
                body(0);
            }
            catch (Exception e)
            {
                own = e;
            }
            var wait = new SpinWait();
            while (Volatile.Read(ref _pending) != 0)
                wait.SpinOnce(sleep1Threshold: -1);
            _body = null;
            var error = own ?? _error;
            if (error is not null)
                throw new AggregateException(error);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private static void Workers(int count)
    {
        if (_workers.Length >= count)
            return;
        lock (Growing)
        {
            var workers = _workers;
            if (workers.Length >= count)
                return;
            var grown = new Worker[count];
            workers.CopyTo(grown, 0);
            for (int k = workers.Length; k < count; k++)
                grown[k] = new Worker(k + 1, Volatile.Read(ref _generation));
            _workers = grown;
        }
    }

    private sealed class Worker
    {
        private readonly int _index;
        private readonly SemaphoreSlim _signal = new(0);
        private long _seen;
        private int _sleeping;

        public Worker(int index, long generation)
        {
            _index = index;
            _seen = generation;
            new Thread(Loop) { IsBackground = true, Name = $"rebel-kernel-{index}" }.Start();
        }

        /// <summary>Wakes the worker if it sleeps; a spinning one sees the new generation on its own.</summary>
        public void Wake()
        {
            if (Interlocked.Exchange(ref _sleeping, 0) == 1)
                _signal.Release();
        }

        private void Loop()
        {
            while (true)
            {
                long spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
                var wait = new SpinWait();
                while (Volatile.Read(ref _generation) == _seen)
                {
                    if (Stopwatch.GetTimestamp() > spinUntil)
                    {
                        Sleep();
                        spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
                    }
                    else
                    {
                        wait.SpinOnce(sleep1Threshold: -1);
                    }
                }
                _seen = Volatile.Read(ref _generation);
                if (_index < _count)
                    Execute();
            }
        }

        private void Execute()
        {
            try
            {
                _body!(_index);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            Interlocked.Decrement(ref _pending);
        }

        // Announces the sleep, then looks once more: a job published in between either sees the flag (and releases the
        // semaphore) or is seen here.
        private void Sleep()
        {
            // A full fence between announcing and looking (a plain store could pass the load).
            Interlocked.Exchange(ref _sleeping, 1);
            if (Volatile.Read(ref _generation) != _seen && Interlocked.Exchange(ref _sleeping, 0) == 1)
                return;
            _signal.Wait();
        }
    }
}
