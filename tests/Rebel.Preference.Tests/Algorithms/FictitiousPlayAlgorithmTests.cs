using Rebel.Games;

namespace Rebel.Preference.Tests.Algorithms;

public class FictitiousPlayAlgorithmTests
{
    [Fact]
    public void TheBeliefMovesTowardTheBestResponseByOneOverTPlusTwo()
    {
        // weighted-rps (rock, paper, scissors): P(paper ≻ rock) = 2/3, P(scissors ≻ paper) = P(rock ≻ scissors) = 1.
        // Against uniform, rock wins 11/18 (best): π₁ = (2/3, 1/6, 1/6). Against π₁ rock wins 5/9, still best:
        // π₂ = (2/3) π₁ + (1/3) e_rock = (7/9, 1/9, 1/9).
        var fp = Play.Create("fictitious-play", GameSource.Load("weighted-rps:margins=1/3/3,strength=1"), shared: new SelfPlayOptions { Samples = SampleCount.All });
        fp.Step();
        Play.AssertClose(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([2.0 / 3, 1.0 / 6, 1.0 / 6]), fp.Current[0], 1e-15);
        fp.Step();
        Play.AssertClose(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([7.0 / 9, 1.0 / 9, 1.0 / 9]), fp.Current[0], 1e-15);
    }

    [Fact]
    public void TheBeliefApproachesTheMinimaxWinner() =>
        Assert.InRange(Play.Run("fictitious-play", "weighted-rps:margins=1/3/3,strength=1", 3000, shared: new SelfPlayOptions { Samples = SampleCount.All }).DualityGapLast, 0, 0.02);
}
