using Rebel.Games.Linear;

namespace Rebel.Games.Tests.Linear;

public class DeferredPivotsTests
{
    /// <summary>Dictionary pivots applied at once, as the solver did before it held them back.</summary>
    private static void EagerPivot(double[] a, int rows, int m, int r, int c)
    {
        double inverse = 1 / a[r * m + c];
        for (int j = 0; j < m; j++)
            a[r * m + j] *= -inverse;
        a[r * m + c] = inverse;
        for (int i = 0; i < rows; i++)
        {
            double f = a[i * m + c];
            if (i == r)
                continue;
            for (int j = 0; j < m; j++)
                a[i * m + j] += f * a[r * m + j];
            a[i * m + c] = f * inverse;
        }
    }

    [Theory]
    [InlineData(7, 13, -1)] // fewer columns than a register tile, an odd row left over
    [InlineData(40, 83, 82)] // more pivots than the depth: a pass in the middle; a tracked column
    [InlineData(65, 150, 149)]
    public void HeldBackPivotsEqualPivotsAppliedAtOnce(int rows, int m, int tracked)
    {
        var random = new Random(rows);
        var a = new double[rows * m];
        for (int i = 0; i < a.Length; i++)
            a[i] = random.NextDouble() - 0.5;
        for (int i = 0; i < rows; i++)
            a[i * m + i] += 4; // a dominant diagonal keeps every pivot well away from zero
        var eager = (double[])a.Clone();
        var deferred = new DeferredPivots(a, rows, m, tracked);
        // Each row pivoted once, in a scrambled order, on its own diagonal column.
        foreach (int r in Enumerable.Range(0, rows).OrderBy(_ => random.Next()))
        {
            EagerPivot(eager, rows, m, r, r);
            deferred.Pivot(r, r);
            Assert.Equal(eager[r * m + (r + 1) % rows], deferred.Entry(r, (r + 1) % rows), 10);
            if (tracked >= 0)
                Assert.Equal(eager[((r + 3) % rows) * m + tracked], deferred.Tracked[(r + 3) % rows], 10);
        }
        deferred.Flush();
        for (int i = 0; i < a.Length; i++)
            Assert.Equal(eager[i], a[i], 10);
    }

    [Fact]
    public void ThePassDoesNotDependOnWhenItRuns()
    {
        // Entries formed on demand before a pass equal, bit for bit, what the pass writes.
        var random = new Random(3);
        int rows = 20, m = 37;
        var a = new double[rows * m];
        for (int i = 0; i < a.Length; i++)
            a[i] = random.NextDouble() + (i % (m + 1) == 0 ? 3 : 0);
        var deferred = new DeferredPivots(a, rows, m);
        for (int r = 0; r < 5; r++)
            deferred.Pivot(r, r);
        var onDemand = Enumerable.Range(0, rows * m).Select(x => deferred.Entry(x / m, x % m)).ToArray();
        deferred.Flush();
        Assert.Equal(onDemand, a);
    }
}
