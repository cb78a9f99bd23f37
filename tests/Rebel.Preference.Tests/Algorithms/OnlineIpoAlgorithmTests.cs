using Rebel.Games;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests.Algorithms;

public class OnlineIpoAlgorithmTests
{
    [Fact]
    public void OneStepFromTheReferenceIsTheHandComputedGradientStep()
    {
        // From π_ref, ∂loss/∂d = −(2P(a ≻ b) − 1)/τ; with τ = 1/2 on weighted-rps the gradients are
        // (−4/3, 4/3, 0), and one step of lr averaged over 3 pairs moves the logits by lr (4/9, −4/9, 0).
        const double lr = 0.05;
        var ipo = Play.Create("online-ipo", GameSource.Load("weighted-rps:margins=1/3/3,strength=1"), shared: new SelfPlayOptions { Samples = SampleCount.All, LearningRate = lr }, options: new OnlineIpoOptions { Tau = 0.5 });
        ipo.Step();
        double d = lr * 4 / 9;
        Play.AssertClose(Play.Softmax(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([d, -d, 0])), ipo.Current[0], 1e-15);
    }
}
