using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Exact;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Exact;

[Collection(nameof(ComputeThreads))]
public class EqualiserSystemTests
{
    [Theory]
    [InlineData(5, 1)]
    [InlineData(77, 2)] // more than two panels of 32 columns, the last one partial
    [InlineData(301, 3)] // a trailing update large enough to be threaded
    public void TheBlockedFactorSolvesTheSystemAsMathNetDoes(int k, int seed)
    {
        // k odd: the bordered system of a skew block is itself skew, so it is singular when k is even.
        var context = RandomSkewGame.Create(k + k / 6 + 10, seed);
        int n = context.Count;
        int[] support = [.. Enumerable.Range(0, n).Where(i => i % 7 != 3).Take(k)];
        var x = EqualiserSystem.Solve(context.PreferenceValues, n, support);
        Assert.Equal(k, support.Length);
        Assert.NotNull(x);
        // The same system, M_SS x = v·1 and 1ᵀx = 1, solved by MathNet's LU.
        var system = Matrix<double>.Build.Dense(k + 1, k + 1, (a, c) =>
            a < k && c < k ? context.Preference[support[a], support[c]] - 0.5 : a < k ? -1 : c < k ? 1 : 0);
        var rhs = Vector<double>.Build.Dense(k + 1, a => a == k ? 1 : 0);
        var reference = system.LU().Solve(rhs);
        for (int a = 0; a < k; a++)
            Assert.Equal(reference[a], x[support[a]], 10);
        Assert.All(Enumerable.Range(0, n).Except(support), i => Assert.Equal(0, x[i]));
        // Residual of the refined solution, against the exact system.
        var full = Vector<double>.Build.Dense(k + 1, a => a < k ? x[support[a]] : 0);
        var winRates = Enumerable.Range(0, k).Select(a => support.Sum(c => (context.Preference[support[a], c] - 0.5) * x[c])).ToArray();
        Assert.True(winRates.Max() - winRates.Min() < 1e-12, $"margins spread {winRates.Max() - winRates.Min()}");
        Assert.Equal(1.0, full.Sum(), 13);
    }

    [Fact]
    public void ASingularSystemIsRefused()
    {
        // Two identical responses: their rows of M_SS are equal.
        var p = Matrix<double>.Build.DenseOfArray(new[,] { { 0.5, 0.5, 0.3 }, { 0.5, 0.5, 0.3 }, { 0.7, 0.7, 0.5 } });
        Assert.Null(EqualiserSystem.Solve(p.AsColumnMajorArray(), 3, [0, 1]));
    }
}
