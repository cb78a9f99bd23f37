using Rebel.Games;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests.Algorithms;

public class OnlineDpoAlgorithmTests
{
    [Fact]
    public void OneStepFromTheReferenceIsTheHandComputedGradientStep()
    {
        // From π_ref every log-ratio difference is 0, so ∂loss/∂d = β (1/2 − P(a ≻ b)). On weighted-rps the three
        // pairs give gradients (−β/3, β/3, 0) on (rock, paper, scissors); one step of lr averaged over 3 pairs moves
        // the logits by lr β (1, −1, 0) / 9.
        const double lr = 0.05, beta = 0.1;
        var dpo = Play.Create("online-dpo", GameSource.Load("weighted-rps:margins=1/3/3,strength=1"), shared: new SelfPlayOptions { Samples = SampleCount.All, LearningRate = lr }, options: new OnlineDpoOptions { Beta = beta });
        dpo.Step();
        double d = lr * beta / 9;
        Play.AssertClose(Play.Softmax(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([d, -d, 0])), dpo.Current[0], 1e-15);
    }
}
