using Rebel.Games.Exact;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Exact;

public class BlockedWinRateTests
{
    internal static double[] RandomPolicy(int n, int seed)
    {
        var random = new Random(seed);
        var pi = Enumerable.Range(0, n).Select(_ => Math.Exp(3 * random.NextDouble())).ToArray();
        var total = pi.Sum();
        return Array.ConvertAll(pi, x => x / total);
    }

    internal static double MaxDifference(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    // A response count that is a multiple of neither block size, so partial blocks are exercised on both axes.
    [Theory]
    [InlineData(1)]
    [InlineData(1037)]
    public void BlockedWinRatesEqualTheDenseProductWhateverTheThreads(int n)
    {
        var context = RandomSkewGame.Create(n, 5);
        var pi = RandomPolicy(n, 6);
        var dense = WinRate.Against(context, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(pi)).ToArray();
        var one = new double[n];
        var two = new double[n];
        BlockedWinRate.Against(new DensePreferenceKernel(context), pi, one, threads: 1);
        BlockedWinRate.Against(new DensePreferenceKernel(context), pi, two, threads: 2);
        Assert.True(MaxDifference(dense, one) <= 1e-12, $"max difference {MaxDifference(dense, one)}");
        Assert.Equal(one, two);
        Assert.Equal(DualityGap.FromWinRates(dense), BlockedWinRate.DualityGapOf(new DensePreferenceKernel(context), pi), 1e-12);
    }

    [Fact]
    public void APlantedWrongEntryIsCaughtByTheComparison()
    {
        const int n = 300;
        var context = RandomSkewGame.Create(n, 7);
        var pi = RandomPolicy(n, 8);
        var dense = WinRate.Against(context, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(pi)).ToArray();
        var wrong = new double[n];
        BlockedWinRate.Against(new OneWrongEntry(new DensePreferenceKernel(context), 123, 45), pi, wrong);
        // Off by 1 − 2 P(123, 45) times π(45) in row 123 only: far above the 1e-12 the equality tests allow.
        Assert.True(MaxDifference(dense, wrong) > 1e-6);
        Assert.Equal(123, Enumerable.Range(0, n).MaxBy(i => Math.Abs(dense[i] - wrong[i])));
    }

    [Fact]
    public void BlocksOutsideTheKernelAreRefused()
    {
        var kernel = new DensePreferenceKernel(RandomSkewGame.Create(10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => kernel.Fill(8, 4, 0, 2, new double[8]));
        Assert.Throws<ArgumentException>(() => kernel.Fill(0, 4, 0, 4, new double[15]));
        Assert.Throws<ArgumentException>(() => BlockedWinRate.Against(kernel, new double[9], new double[10]));
    }

    // Flips P(i ≻ j) to 1 − P(i ≻ j), as a wrong kernel would.
    private sealed class OneWrongEntry(IPreferenceKernel inner, int i, int j) : IPreferenceKernel
    {
        public int Count => inner.Count;

        public void Fill(int rowStart, int rows, int columnStart, int columns, Span<double> block)
        {
            inner.Fill(rowStart, rows, columnStart, columns, block);
            if (i >= rowStart && i < rowStart + rows && j >= columnStart && j < columnStart + columns)
            {
                ref var entry = ref block[(i - rowStart) * columns + j - columnStart];
                entry = 1 - entry;
            }
        }
    }
}
