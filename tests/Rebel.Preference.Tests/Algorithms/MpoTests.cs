using Rebel.Games;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests.Algorithms;

public sealed class MpoTests
{
    [Fact]
    public void TheFirstStepsAreMagneticMirrorDescentAndTheMagnetMovesToTheLastIterate()
    {
        // η = 1, α = 0.2, magnet every 2 steps, from uniform: π_{t+1} ∝ (π_t μ^{ηα} exp(η P π_t))^{1/(1+ηα)}.
        const double eta = 1, alpha = 0.2;
        var game = GameSource.Load("weighted-rps");
        var mpo = (TabularSelfPlay)Play.Create("mpo", game, options: new MpoOptions { Alpha = alpha, MagnetEvery = 2 });
        Assert.Equal("mpo", mpo.Name);
        MathNet.Numerics.LinearAlgebra.Vector<double> Step(MathNet.Numerics.LinearAlgebra.Vector<double> pi, MathNet.Numerics.LinearAlgebra.Vector<double> magnet) =>
            Play.Softmax((pi.PointwiseLog() + eta * alpha * magnet.PointwiseLog() + eta * Play.WinRates(game, pi)) / (1 + eta * alpha));
        var uniform = Play.Uniform(3);
        var pi1 = Step(uniform, uniform);
        var pi2 = Step(pi1, uniform);
        var pi3 = Step(pi2, pi2); // the magnet moved to π_2 after the second step
        mpo.Step();
        Play.AssertClose(pi1, mpo.Current[0], 1e-14);
        mpo.Step();
        Play.AssertClose(pi2, mpo.Current[0], 1e-14);
        mpo.Step();
        Play.AssertClose(pi3, mpo.Current[0], 1e-14);
    }

    [Fact]
    public void TheSampledFormsFirstStepsAreTheHandComputedMagneticStep()
    {
        // --samples all, exact labels, η = 1, α = 1 (label weight 1/2): from the uniform magnet the first step's logits are
        // lr (1/9, −1/9, 0) (InpoAlgorithmTests' hand computation); the magnet then moves to π_1 (--magnet-every 1), the
        // log-ratios to it vanish again and the second step adds the same increment.
        const double lr = 0.45;
        var mpo = Play.Create("mpo", GameSource.Load("weighted-rps:margins=1/3/3,strength=1"),
            shared: new SelfPlayOptions { Eta = 1, LearningRate = lr, Samples = SampleCount.All }, options: new MpoOptions { Alpha = 1, MagnetEvery = 1, Loss = LossKind.Sampled });
        Assert.Equal("mpo", mpo.Name);
        mpo.Step();
        Play.AssertClose(Play.Softmax(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([lr / 9, -lr / 9, 0])), mpo.Current[0], 1e-15);
        mpo.Step();
        Play.AssertClose(Play.Softmax(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([2 * lr / 9, -2 * lr / 9, 0])), mpo.Current[0], 1e-15);
    }
}
