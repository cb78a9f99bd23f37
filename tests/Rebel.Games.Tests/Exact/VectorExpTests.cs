using Rebel.Games.Linear;


namespace Rebel.Games.Tests.Exact;

public class VectorExpTests
{
    [Fact]
    public void ExpMatchesMathExpToTwoUlpsAcrossTheNormalRange()
    {
        var x = Enumerable.Range(0, 2001).Select(i => -700 + 0.7 * i + 1e-3 * Math.Sin(i)).ToArray();
        var y = new double[x.Length];
        VectorExp.Exp(x, 0, y);
        for (int i = 0; i < x.Length; i++)
        {
            double exact = Math.Exp(x[i]), ulp = Math.BitIncrement(exact) - exact;
            Assert.True(Math.Abs(y[i] - exact) <= 2 * ulp, $"exp({x[i]}) = {y[i]}, Math.Exp {exact}");
        }
    }

    [Fact]
    public void ExpHandlesZeroInfinitiesAndSubnormalsAndReturnsTheSum()
    {
        double[] x = [0, double.NegativeInfinity, -800, -740, 1, -1, 800];
        var y = new double[x.Length];
        double sum = VectorExp.Exp(x, 0, y);
        Assert.Equal(1.0, y[0]);
        Assert.Equal(0.0, y[1]);
        Assert.Equal(0.0, y[2]);
        Assert.Equal(Math.Exp(-740), y[3], Math.Exp(-740) * 1e-6);
        Assert.Equal(Math.E, y[4], 4e-16);
        Assert.Equal(1 / Math.E, y[5], 2e-16);
        Assert.Equal(double.PositiveInfinity, y[6]);
        Assert.Equal(double.PositiveInfinity, sum);
        double finite = VectorExp.Exp(x.AsSpan(0, 6), 0, y);
        Assert.Equal(1 + Math.E + 1 / Math.E, finite, 1e-15);
    }

    [Fact]
    public void AValueGetsTheSameExponentialWhereverItSitsAndAnExactShiftChangesNothing()
    {
        // 23 = 8 + 8 + 4 + 3: eight lanes, four lanes and the tail (eight only with AVX-512), so each value is taken
        // by every width and lane as the length varies.
        const int n = 23;
        var x = Enumerable.Range(0, n).Select(i => -0.375 * i).ToArray();
        var whole = new double[n];
        VectorExp.Exp(x, 0, whole);
        for (int length = 1; length <= n; length++)
        {
            var part = new double[length];
            VectorExp.Exp(x.AsSpan(n - length), 0, part);
            for (int i = 0; i < length; i++)
                Assert.Equal(whole[n - length + i], part[i]);
        }
        var shifted = new double[n];
        VectorExp.Exp(x.Select(v => v + 2).ToArray(), 2, shifted);
        Assert.Equal(whole, shifted);
    }
}
