namespace Rebel.Games.Tests;

// ComputeThreads.Limit is process-wide: the classes that set it run one at a time.
[Collection(nameof(ComputeThreads))]
public class ComputeThreadsTests
{
    [Fact]
    public void ASharedLimitIsDividedAmongJobsAndRestored()
    {
        int before = ComputeThreads.Limit;
        try
        {
            ComputeThreads.Limit = 5;
            using (ComputeThreads.Share(2))
                Assert.Equal(2, ComputeThreads.Limit);
            Assert.Equal(5, ComputeThreads.Limit);
            using (ComputeThreads.Share(8))
                Assert.Equal(1, ComputeThreads.Limit);
            Assert.Throws<ArgumentOutOfRangeException>(() => ComputeThreads.Limit = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => ComputeThreads.Share(0));
        }
        finally
        {
            ComputeThreads.Limit = before;
        }
    }
}
