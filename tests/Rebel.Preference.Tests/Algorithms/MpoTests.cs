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
}
