using Rebel.Games.Exact;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class RandomGameTests
{
    [Theory]
    [InlineData(3, 0.0, 1)]
    [InlineData(3, 1.0, 2)]
    [InlineData(8, 0.5, 0)]
    [InlineData(16, 0.1, 3)]
    [InlineData(40, 0.9, 4)]
    [InlineData(200, 0.37, 5)]
    public void HitsItsTargetCyclicShare(int n, double share, int seed)
    {
        var game = GameZoo.Create(FormattableString.Invariant($"random:n={n},share={share},seed={seed}"));
        Assert.Equal(share, HodgeDecomposition.CyclicShareOf(game), 9);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.3)]
    public void LargestMarginIsHalfTheStrength(double strength)
    {
        var p = GameZoo.Create(FormattableString.Invariant($"random:n=12,strength={strength}")).Contexts[0].Preference;
        Assert.Equal(strength / 2, p.Enumerate().Max(x => Math.Abs(x - 0.5)), 12);
    }

    [Fact]
    public void ShareZeroIsTransitiveAndSeedsGiveDifferentGames()
    {
        var a = GameZoo.Create("random:n=10,share=0,seed=1").Contexts[0];
        // A gradient margin M(i, j) = d_i − d_j orders the responses: the largest d wins every pair or ties.
        var d = (a.Preference - 0.5).RowSums();
        int top = d.MaximumIndex();
        Assert.All(Enumerable.Range(0, 10), j => Assert.True(a.Preference[top, j] >= 0.5));
        var b = GameZoo.Create("random:n=10,share=0,seed=2").Contexts[0];
        Assert.NotEqual(a.Preference[0, 1], b.Preference[0, 1]);
    }
}
