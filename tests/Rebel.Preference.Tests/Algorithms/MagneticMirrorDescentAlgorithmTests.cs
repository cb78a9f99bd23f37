using Rebel.Games;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests.Algorithms;

public class MagneticMirrorDescentAlgorithmTests
{
    [Fact]
    public void StepsFollowTheMagneticUpdate()
    {
        var game = GameSource.Load("weighted-rps:margins=1/3/3,strength=1");
        const double eta = 0.5, alpha = 0.3;
        var mmd = Play.Create("mmd", game, shared: new SelfPlayOptions { Eta = eta, Samples = SampleCount.All }, options: new MagneticMirrorDescentOptions { Alpha = alpha });
        Play.Run(mmd, 3);
        var reference = Play.Uniform(3);
        var p = reference;
        for (int t = 0; t < 3; t++)
            p = Play.Softmax((p.PointwiseLog() + eta * alpha * reference.PointwiseLog() + eta * Play.WinRates(game, p)) / (1 + eta * alpha));
        Play.AssertClose(p, mmd.Current[0], 1e-13);
    }

    [Fact]
    public void LastIterateSettlesNearTheMinimaxWinner()
    {
        // The magnet's fixed point is the α-regularised equilibrium, whose gap shrinks with α.
        var m = Play.Run("mmd", "weighted-rps:margins=1/3/3,strength=1", 3000, shared: new SelfPlayOptions { Eta = 0.5, Samples = SampleCount.All }, options: new MagneticMirrorDescentOptions { Alpha = 0.01 });
        Assert.InRange(m.DualityGapLast, 0, 0.05);
        Assert.InRange(m.KlStep, 0, 1e-4); // measured 1.6e-5: the last iterate has nearly stopped moving
    }
}
