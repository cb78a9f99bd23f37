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

    [Fact]
    public void HedgeUpdateIsTheNormalisedMultiplicativeWeightsStep()
    {
        double[] log = [Math.Log(0.5), Math.Log(0.3), Math.Log(0.2)];
        double[] r = [0.4, 0.7, 0.1];
        double eta = 2;
        var next = new double[3];
        var pi = new double[3];
        var (kl, entropy) = Kernels.HedgeUpdate(log, r, eta, next, pi);
        double[] unnormalised = [0.5 * Math.Exp(0.8), 0.3 * Math.Exp(1.4), 0.2 * Math.Exp(0.2)];
        double z = unnormalised.Sum();
        double expectedKl = 0, expectedEntropy = 0;
        for (int i = 0; i < 3; i++)
        {
            double q = unnormalised[i] / z;
            Assert.Equal(q, pi[i], 1e-15);
            Assert.Equal(Math.Log(q), next[i], 1e-14);
            expectedKl += q * (Math.Log(q) - log[i]);
            expectedEntropy -= q * Math.Log(q);
        }
        Assert.Equal(expectedKl, kl, 1e-14);
        Assert.Equal(expectedEntropy, entropy, 1e-14);
    }

    [Fact]
    public void HedgeUpdateKeepsZeroProbabilitiesAtZero()
    {
        double[] log = [double.NegativeInfinity, Math.Log(0.25), Math.Log(0.75)];
        var next = new double[3];
        var pi = new double[3];
        var (kl, entropy) = Kernels.HedgeUpdate(log, [1, 0, 0], 1, next, pi);
        Assert.Equal(0, pi[0]);
        Assert.Equal(0.25, pi[1], 1e-15);
        Assert.Equal(0, kl, 1e-15);
        Assert.Equal(-(0.25 * Math.Log(0.25) + 0.75 * Math.Log(0.75)), entropy, 1e-14);
    }
}
