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

    [Fact]
    public void ExactFirstStepFromUniformIsTheHandComputedPopulationGradient()
    {
        // From π_0 = π_ref = uniform, d = 0 and r_0 = (11/18, 7/18, 1/2), so the gradient 4π(d − E d − (r − 1/2)/τ) is
        // −(4/3)(1/9, −1/9, 0)/τ; with τ = 1/2 one step of lr moves the logits by lr (8/27, −8/27, 0).
        const double lr = 0.05;
        var ipo = Play.Create("online-ipo", GameSource.Load("weighted-rps:margins=1/3/3,strength=1"), shared: new SelfPlayOptions { LearningRate = lr }, options: new OnlineIpoOptions { Tau = 0.5, Loss = LossKind.Exact });
        ipo.Step();
        double d = lr * 8 / 27;
        Play.AssertClose(Play.Softmax(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([d, -d, 0])), ipo.Current[0], 1e-15);
    }

    [Fact]
    public void ExactStepsFollowThePopulationGradient()
    {
        var game = GameSource.Load("random:n=5");
        const double lr = 0.3, tau = 0.2;
        var ipo = Play.Create("online-ipo", game, shared: new SelfPlayOptions { LearningRate = lr }, options: new OnlineIpoOptions { Tau = tau, Loss = LossKind.Exact });
        Play.Run(ipo, 4);
        var reference = Play.Uniform(5).PointwiseLog();
        var p = Play.Uniform(5);
        for (int t = 0; t < 4; t++)
        {
            // E_{y,y′∼π}[(d_y − d_y′ − (P_yy′ − 1/2)/τ)²] differentiated entry by entry through log-softmax, as the paper's code does.
            var log = p.PointwiseLog();
            var d = log - reference;
            var gradient = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(5);
            for (int y = 0; y < 5; y++)
                for (int z = 0; z < 5; z++)
                {
                    double residual = d[y] - d[z] - (game.Contexts[0].Preference[y, z] - 0.5) / tau;
                    gradient[y] += 2 * p[y] * p[z] * residual;
                    gradient[z] -= 2 * p[y] * p[z] * residual;
                }
            p = Play.Softmax(log - lr * gradient);
        }
        Play.AssertClose(p, ipo.Current[0], 1e-14);
    }
}
