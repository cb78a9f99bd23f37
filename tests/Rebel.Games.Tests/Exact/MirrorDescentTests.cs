using Rebel.Games.Exact;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Exact;

public class MirrorDescentTests
{
    [Fact]
    public void AverageIterateOnRpsApproachesUniformWhileLastIterateDoesNotStart()
    {
        var game = GameZoo.Create("rps");
        var start = new TabularPolicy([MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([0.6, 0.3, 0.1])]);
        int horizon = 2000;
        var md = new MirrorDescent(game, MirrorDescent.TunedEta(game, horizon), start);
        MirrorDescentStep last = default;
        for (int t = 0; t < horizon; t++)
            last = md.Step();
        Assert.Equal(horizon, last.Iteration);
        // Hedge bound on the average iterate: DG ≤ sqrt(2 ln n / T).
        Assert.InRange(last.DualityGapAverage, 0, Math.Sqrt(2 * Math.Log(3) / horizon));
        Assert.Equal(last.DualityGapAverage, DualityGap.Of(game, md.Average), 12);
        Assert.Equal(2 * last.AverageRegret, last.DualityGapAverage, 12);
    }
}
