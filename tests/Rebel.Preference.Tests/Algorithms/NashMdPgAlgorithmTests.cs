using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests.Algorithms;

public class NashMdPgAlgorithmTests
{
    private const string Game = "weighted-rps:margins=1/3/3,strength=1";

    [Fact]
    public void FirstStepFromUniformIsTheHandComputedPolicyGradient()
    {
        // From π_0 = π_ref = uniform the mixture is uniform and log π_0/π_ref = 0, so A = P π_0 = (11/18, 7/18, 9/18)
        // with baseline E_π A = 1/2; the logits move by lr · (1/3)(A − 1/2) = lr · (1/27, −1/27, 0).
        const double lr = 0.6;
        var pg = Play.Create("nash-md-pg", GameSource.Load(Game), shared: new SelfPlayOptions { Eta = 0.5, LearningRate = lr }, options: new NashMdPgOptions { Tau = 0.2 });
        pg.Step();
        Play.AssertClose(Play.Softmax(Vector<double>.Build.Dense([lr / 27, -lr / 27, 0])), pg.Current[0], 1e-15);
    }

    [Fact]
    public void StepsFollowThePolicyGradientAgainstTheGeometricMixture()
    {
        var game = GameSource.Load(Game);
        const double eta = 0.5, tau = 0.4, lr = 0.7;
        var pg = Play.Create("nash-md-pg", game, shared: new SelfPlayOptions { Eta = eta, LearningRate = lr }, options: new NashMdPgOptions { Tau = tau });
        Play.Run(pg, 3);
        var reference = Play.Uniform(3).PointwiseLog();
        var p = Play.Uniform(3);
        for (int t = 0; t < 3; t++)
        {
            var log = p.PointwiseLog();
            var mixture = Play.Softmax((1 - eta * tau) * log + eta * tau * reference);
            var advantage = Play.WinRates(game, mixture) - tau * (log - reference);
            p = Play.Softmax(log + lr * p.PointwiseMultiply(advantage - p.DotProduct(advantage)));
        }
        Play.AssertClose(p, pg.Current[0], 1e-15);
    }

    [Fact]
    public void SampledFirstStepFromUniformIsTheHandComputedReinforceStep()
    {
        // --samples all: every response once, weighing π_0 = 1/3; against the uniform mixture the opponents weigh 1/3 too,
        // so Â = P π_0 = (11/18, 7/18, 1/2) and the weighted mean of Â_i (e_{y_i} − π) is (A − 1/2)/3 = (1/27, −1/27, 0).
        const double lr = 0.9;
        var pg = Play.Create("nash-md-pg", GameSource.Load(Game), shared: new SelfPlayOptions { Eta = 0.5, LearningRate = lr, Samples = SampleCount.All }, options: new NashMdPgOptions { Tau = 0.2, Loss = LossKind.Sampled });
        pg.Step();
        Play.AssertClose(Play.Softmax(Vector<double>.Build.Dense([lr / 27, -lr / 27, 0])), pg.Current[0], 1e-15);
    }
}
