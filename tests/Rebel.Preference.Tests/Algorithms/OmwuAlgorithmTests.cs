using Rebel.Games;

namespace Rebel.Preference.Tests.Algorithms;

public class OmwuAlgorithmTests
{
    [Fact]
    public void TwoStepsFollowTheOptimisticUpdate()
    {
        var game = GameSource.Load("weighted-rps:margins=1/3/3,strength=1");
        const double eta = 0.3;
        var omwu = Play.Create("omwu", game, shared: new SelfPlayOptions { Eta = eta, Samples = SampleCount.All });
        omwu.Step();
        omwu.Step();
        // g_{−1} = g_0, so step 1 is a mirror step; step 2 uses 2 g_1 − g_0.
        var p0 = Play.Uniform(3);
        var g0 = Play.WinRates(game, p0);
        var p1 = Play.Softmax(p0.PointwiseLog() + eta * g0);
        var g1 = Play.WinRates(game, p1);
        var p2 = Play.Softmax(p1.PointwiseLog() + eta * (2 * g1 - g0));
        Play.AssertClose(p2, omwu.Current[0], 1e-13);
    }

    // Issue 4 §9(d). Measured on weighted-rps at η = 0.5, T = 2000: omwu 2.4e-5, extragradient 2.8e-5,
    // mirror descent 0.33 (its last iterate cycles).
    [Fact]
    public void LastIterateConvergesWhereMirrorDescentsDoesNot()
    {
        var shared = new SelfPlayOptions { Eta = 0.5, Samples = SampleCount.All };
        Assert.InRange(Play.Run("omwu", "weighted-rps:margins=1/3/3,strength=1", 2000, shared: shared).DualityGapLast, 0, 1e-3);
        Assert.True(Play.Run("mirror-descent", "weighted-rps:margins=1/3/3,strength=1", 2000, shared: new SelfPlayOptions { Eta = 0.5 }).DualityGapLast > 0.1);
    }
}
