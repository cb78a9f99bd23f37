using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Exact;
using Rebel.Games.Linear;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Linear;

[Collection(nameof(ComputeThreads))]
public class ComplementaryKernelTests
{
    private static double[] Policy(int n, int seed)
    {
        var random = new Random(seed);
        var pi = Enumerable.Range(0, n).Select(_ => random.NextDouble() * random.NextDouble()).ToArray();
        double total = pi.Sum();
        return [.. pi.Select(v => v / total)];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)] // fewer columns than one group of four
    [InlineData(67)] // groups of four and one column left; rows past the last step of eight
    [InlineData(600)] // eight bands on threads
    public void TheTriangleGivesTheFullProduct(int n)
    {
        var p = RandomSkewGame.Create(n, n).PreferenceValues;
        Assert.True(ComplementaryKernel.Holds<double>(p, n));
        var pi = Policy(n, 1);
        var full = new double[n];
        var half = new double[n];
        Kernels.WinRates(p, n, pi, full);
        ComplementaryKernel.WinRates<double>(p, n, pi, half);
        for (int i = 0; i < n; i++)
            Assert.InRange(half[i] - full[i], -1e-14, 1e-14);
    }

    [Theory]
    [InlineData(67)]
    [InlineData(900)] // eight bands on threads in float32
    public void FloatStorageStaysWithinItsRoundingBound(int n)
    {
        var p = RandomSkewGame.Create(n, n).PreferenceValues;
        var single = p.Select(v => (float)v).ToArray();
        Assert.True(ComplementaryKernel.Holds<float>(single, n));
        var pi = Policy(n, 2);
        var exact = new double[n];
        var half = new double[n];
        Kernels.WinRates(p, n, pi, exact);
        ComplementaryKernel.WinRates<float>(single, n, pi, half);
        // 9u of the float32 sums (5.4e-7) and the storage's rounding of P and π (3e-8 and 6e-8).
        for (int i = 0; i < n; i++)
            Assert.InRange(half[i] - exact[i], -6.3e-7, 6.3e-7);
    }

    [Fact]
    public void ThreadsDoNotChangeASingleBit()
    {
        // Eight bands in both widths (the float32 triangle holds over 1 MiB), columns left over in the last.
        int n = 806;
        var p = RandomSkewGame.Create(n, 3).PreferenceValues;
        var pi = Policy(n, 3);
        var one = new double[n];
        var many = new double[n];
        ComplementaryKernel.WinRates<double>(p, n, pi, one, threads: 1);
        ComplementaryKernel.WinRates<double>(p, n, pi, many, threads: 3);
        Assert.Equal(one, many);
        var single = p.Select(v => (float)v).ToArray();
        ComplementaryKernel.WinRates<float>(single, n, pi, one, threads: 1);
        ComplementaryKernel.WinRates<float>(single, n, pi, many, threads: 2);
        Assert.Equal(one, many);
    }

    [Fact]
    public void PairsOffByMoreThanRoundingAreNotComplementary()
    {
        int n = 70;
        var p = (double[])RandomSkewGame.Create(n, 4).PreferenceValues.Clone();
        p[5 * n + 60] += 1e-12; // within the game's validation tolerance (1e-9), not within rounding
        Assert.False(ComplementaryKernel.Holds<double>(p, n));
        Assert.False(ComplementaryKernel.Holds<float>(p.Select(v => (float)(v + 1e-7)).ToArray(), n));
    }
}

[Collection(nameof(ComputeThreads))]
public class MirrorDescentTriangleTests
{
    private static double LargestLogDifference(GameContext a, PreferenceStorage storageA, GameContext b, PreferenceStorage storageB)
    {
        var first = new MirrorDescent(TabularGame.Single("a", a), 0.5, null, storageA);
        var second = new MirrorDescent(TabularGame.Single("b", b), 0.5, null, storageB);
        for (int t = 0; t < 3; t++)
        {
            first.Step();
            second.Step();
        }
        var x = first.CurrentLog[0];
        var y = second.CurrentLog[0];
        return Enumerable.Range(0, x.Length).Max(i => Math.Abs(x[i] - y[i]));
    }

    [Fact]
    public void ALargeGameStepsAsItsFullProductDoes()
    {
        int n = 1500; // 18 MB of float64: read from the triangle
        Assert.True(MirrorDescent.ReadsTriangle(n, PreferenceStorage.Float64));
        var context = RandomSkewGame.Create(n, 9);
        // One entry below the diagonal moved by 5e-10 (within the validation's 1e-9): no longer complementary to
        // rounding, so that game takes the full product. Three steps of η = 0.5 separate the runs by at most
        // 3 · 0.5 · 5e-10 through that entry, plus round-off.
        var values = (double[])context.PreferenceValues.Clone();
        values[7 * n + 1000] += 5e-10;
        var moved = new GameContext("x0", 1, [.. context.Responses], Matrix<double>.Build.Dense(n, n, values));
        Assert.True(ComplementaryKernel.Holds<double>(context.PreferenceValues, n));
        Assert.False(ComplementaryKernel.Holds<double>(moved.PreferenceValues, n));
        Assert.InRange(LargestLogDifference(context, PreferenceStorage.Float64, moved, PreferenceStorage.Float64), 0, 1e-9);
    }

    [Fact]
    public void ALargeFloat32GameStaysWithinItsRoundingOfTheFloat64Run()
    {
        int n = 2100; // 17.6 MB of float32
        Assert.True(MirrorDescent.ReadsTriangle(n, PreferenceStorage.Float32));
        var context = RandomSkewGame.Create(n, 10);
        // Win rates within 6.3e-7 of float64's (the kernel's bound), over three steps of η = 0.5: under 1e-6 in log π.
        double largest = LargestLogDifference(context, PreferenceStorage.Float32, context, PreferenceStorage.Float64);
        Assert.InRange(largest, 1e-12, 1e-6);
    }
}
