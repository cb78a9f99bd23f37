using Rebel.Games.Linear;

namespace Rebel.Games.Tests.Linear;

/// <summary>
/// Alone, after the parallel tests: a kernel of another test holding the workers sends a job to Parallel.For, whose
/// caller may run several indices itself.
/// </summary>
[CollectionDefinition(nameof(ForkJoinTests), DisableParallelization = true)]
public class ForkJoinAlone;

[Collection(nameof(ForkJoinTests))]
public class ForkJoinTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void EveryIndexRunsOnceEachOnItsOwnThread(int count)
    {
        for (int job = 0; job < 200; job++)
        {
            var runs = new int[count];
            var threads = new int[count];
            ForkJoin.Run(count, i =>
            {
                Interlocked.Increment(ref runs[i]);
                threads[i] = Environment.CurrentManagedThreadId;
            });
            Assert.All(runs, r => Assert.Equal(1, r));
            Assert.Equal(count, threads.Distinct().Count());
            Assert.Equal(Environment.CurrentManagedThreadId, threads[0]);
        }
    }

    [Fact]
    public void JobsAfterTheWorkersSleptStillRun()
    {
        for (int job = 0; job < 5; job++)
        {
            // Past the workers' spin, so that each job has to wake them.
            Thread.Sleep(5);
            int sum = 0;
            ForkJoin.Run(3, i => Interlocked.Add(ref sum, i + 1));
            Assert.Equal(6, sum);
        }
    }

    [Fact]
    public void AnErrorInAnyBodyReachesTheCallerAndTheNextJobRuns()
    {
        var error = Assert.Throws<AggregateException>(() => ForkJoin.Run(2, i =>
        {
            if (i == 1)
                throw new InvalidOperationException("worker");
        }));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Throws<AggregateException>(() => ForkJoin.Run(2, i =>
        {
            if (i == 0)
                throw new InvalidOperationException("caller");
        }));
        int sum = 0;
        ForkJoin.Run(2, i => Interlocked.Add(ref sum, i + 1));
        Assert.Equal(3, sum);
    }

    [Fact]
    public void NestedAndConcurrentCallersAllComplete()
    {
        long total = 0;
        Parallel.For(0, 8, _ =>
        {
            for (int job = 0; job < 100; job++)
                ForkJoin.Run(2, i => ForkJoin.Run(2, k => Interlocked.Add(ref total, 1 + i + k)));
        });
        // Each outer job: (1 + 0 + 0) + (1 + 0 + 1) + (1 + 1 + 0) + (1 + 1 + 1) = 8.
        Assert.Equal(8 * 100 * 8, total);
    }
}
