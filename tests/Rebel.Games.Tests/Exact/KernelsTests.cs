using Rebel.Games.Linear;
using Rebel.Games.Zoo;


namespace Rebel.Games.Tests.Exact;

public class KernelsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(130)]
    [InlineData(419)]
    [InlineData(613)]
    public void WinRatesMatchTheNaiveProductInBothStorages(int n)
    {
        var (context, pi) = Instance(n);
        double[] p = context.PreferenceValues;
        float[] p32 = Array.ConvertAll(p, v => (float)v);
        var fast = new double[n];
        var fast32 = new double[n];
        Kernels.WinRates(p, n, pi, fast);
        Kernels.WinRates(p32, n, pi, fast32);
        for (int i = 0; i < n; i++)
        {
            double naive = 0, naive32 = 0;
            for (int j = 0; j < n; j++)
            {
                naive += context.Preference[i, j] * pi[j];
                naive32 += (double)p32[j * n + i] * pi[j];
            }
            Assert.Equal(naive, fast[i], 1e-12);
            // Float32 partial sums over eight columns: relative error below 9u of the (positive) sum, u = 2⁻²⁴.
            Assert.InRange(Math.Abs(fast32[i] - naive32), 0, 9 * Math.Pow(2, -24) * naive32);
        }
    }

    [Fact]
    public void Float32SumsAreReadInFloat32NotWidened()
    {
        // A sum that float64 keeps and float32 cannot: 1 + 2⁻³⁰ in one chunk rounds to 1 in float32.
        int n = 8;
        var p = new float[n * n];
        p[0] = 1;
        p[n] = (float)Math.Pow(2, -30);
        var pi = new double[n];
        pi[0] = pi[1] = 1;
        var r = new double[n];
        Kernels.WinRates(p, n, pi, r);
        Assert.Equal(1.0, r[0]);
    }

    [Theory]
    [InlineData(613)]
    [InlineData(1000)]
    public void ThreadsDoNotChangeASingleBit(int n)
    {
        var (context, pi) = Instance(n);
        double[] p = context.PreferenceValues;
        float[] p32 = Array.ConvertAll(p, v => (float)v);
        Assert.True(RowBlocks.Count(n, n * sizeof(float), Kernels.RowAlignment, 3) > 1, "the instance is large enough to be threaded");
        var one = new double[n];
        var one32 = new double[n];
        Kernels.WinRates(p, n, pi, one, 1);
        Kernels.WinRates(p32, n, pi, one32, 1);
        foreach (int threads in new[] { 2, 3, 7 })
        {
            var many = new double[n];
            var many32 = new double[n];
            Kernels.WinRates(p, n, pi, many, threads);
            Kernels.WinRates(p32, n, pi, many32, threads);
            Assert.Equal(one, many);
            Assert.Equal(one32, many32);
        }
    }

    [Theory]
    [InlineData(100, 3)]
    [InlineData(1000, 2)]
    [InlineData(35, 2)]
    public void RowBlocksCoverEveryRowOnceFromAlignedStarts(int n, int blocks)
    {
        int next = 0;
        for (int b = 0; b < blocks; b++)
        {
            var (start, end) = RowBlocks.Block(n, blocks, b, 16);
            Assert.Equal(next, start);
            Assert.True(start % 16 == 0 || start == n);
            next = end;
        }
        Assert.Equal(n, next);
    }

    private static (GameContext Context, double[] Pi) Instance(int n)
    {
        var context = RandomSkewGame.Create(n, n);
        var random = new Random(n);
        var pi = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        double total = pi.Sum();
        for (int i = 0; i < n; i++)
            pi[i] /= total;
        return (context, pi);
    }
}
