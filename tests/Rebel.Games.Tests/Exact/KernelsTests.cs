using Rebel.Games.Utils;

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
    public void WinRatesMatchTheNaiveProductInBothStorages(int n)
    {
        var context = RandomSkewGame.Create(n, n);
        double[] p = context.PreferenceValues;
        var random = new Random(n);
        var pi = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        double total = pi.Sum();
        for (int i = 0; i < n; i++)
            pi[i] /= total;
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
            Assert.Equal(naive32, fast32[i], 1e-12);
        }
    }
}
