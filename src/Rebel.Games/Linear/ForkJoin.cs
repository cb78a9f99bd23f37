using System.Collections.Concurrent;
using System.Diagnostics;

namespace Rebel.Games.Linear;

/// <summary>
/// Runs <c>body(0)</c> … <c>body(count − 1)</c> at once, each on its own thread: the caller's and dedicated workers that
/// spin for a short while after each job before they sleep. A product of a cache-resident matrix takes tens of
/// microseconds, as long as waking a sleeping thread-pool thread; with <see cref="Parallel"/> the caller often finished
/// every block itself before a worker arrived (times were bimodal, one mode single-threaded). Back-to-back jobs — a run's
/// iterations — find the workers still spinning. One job at a time: a second caller meanwhile (another run in the same
/// process, or a job started from inside a body) gets <see cref="Parallel.For(int, int, Action{int})"/> instead.
/// Errors, from any index, reach the caller as an <see cref="AggregateException"/>.
/// </summary>
internal static class ForkJoin
{
    /// <summary>How long a worker spins for the next job before it sleeps; bounds the CPU a finished run leaves spinning.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000;

    // Grown only by the holder of _busy, and read only by it (to wake workers): no lock needed.
    private static Worker[] _workers = [];
    private static int _busy;
    // The latest job. A worker reads this one reference and then only that object's fields, so it can never mix one
    // job's count with the next job's body (jobs of different counts alternate: a worker idle in one job may be needed
    // in the next), and it runs each job at most once.
    private static Job? _job;

    /// <summary>Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>), index 0 on the calling thread.</summary>
    public static void Run(int count, Action<int> body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count == 1)
        {
            try
            {
                body(0);
            }
            catch (Exception e)
            {
                throw new AggregateException(e);
            }
            return;
        }
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, body);
            return;
        }
        try
        {
            if (_workers.Length < count - 1)
                _workers = [.. _workers, .. Enumerable.Range(_workers.Length + 1, count - 1 - _workers.Length).Select(k => new Worker(k))];
            var job = new Job(body, count);
            // A full fence: the job's fields are visible to a worker that reads the reference.
            Interlocked.Exchange(ref _job, job);
            for (int k = 0; k < count - 1; k++)
                _workers[k].Wake();
            job.Execute(0);
            var wait = new SpinWait();
            while (Volatile.Read(ref job.Pending) != 0)
                wait.SpinOnce(sleep1Threshold: -1);
            // The finished job keeps no body alive for the workers to see.
            Interlocked.Exchange(ref _job, Job.Done);
            if (job.Errors is { } errors)
                throw new AggregateException(errors);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private sealed class Job(Action<int>? body, int count)
    {
        /// <summary>Published after a job, so that workers let go of its body; no index runs in it.</summary>
        public static readonly Job Done = new(null, 0);

        public readonly int Count = count;
        /// <summary>Indices 1 … count − 1 not finished yet.</summary>
        public int Pending = count - 1;
        public ConcurrentQueue<Exception>? Errors;

        public void Execute(int index)
        {
            try
            {
                body!(index);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref Errors, new ConcurrentQueue<Exception>(), null);
                Errors.Enqueue(e);
            }
            if (index > 0)
                Interlocked.Decrement(ref Pending);
        }
    }

    private sealed class Worker
    {
        private readonly int _index;
        private readonly SemaphoreSlim _signal = new(0);
        private Job? _seen;
        private int _sleeping;

        public Worker(int index)
        {
            _index = index;
            _seen = Volatile.Read(ref _job);
            new Thread(Loop) { IsBackground = true, Name = $"rebel-kernel-{index}" }.Start();
        }

        /// <summary>Wakes the worker if it sleeps; a spinning one sees the new job on its own.</summary>
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
                Job? job;
                while ((job = Volatile.Read(ref _job)) == _seen)
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
                _seen = job;
                if (_index < job!.Count)
                    job.Execute(_index);
            }
        }

        // Announces the sleep, then looks once more: a job published in between either sees the flag (and releases the
        // semaphore) or is seen here.
        private void Sleep()
        {
            // A full fence between announcing and looking (a plain store could pass the load).
            Interlocked.Exchange(ref _sleeping, 1);
            if (Volatile.Read(ref _job) != _seen && Interlocked.Exchange(ref _sleeping, 0) == 1)
                return;
            _signal.Wait();
        }
    }
}
