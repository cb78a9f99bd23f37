using Rebel.Games;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests.Algorithms;

public class InpoAlgorithmTests
{
    private const string Game = "weighted-rps:margins=1/3/3,strength=1";

    [Fact]
    public void FirstStepFromUniformIsTheHandComputedMirrorStep()
    {
        // π_1 ∝ π_0^{1/(1+ητ)} π_ref^{ητ/(1+ητ)} exp(η r_0/(1+ητ)) with π_0 = π_ref uniform and r_0 = (11/18, 7/18, 1/2):
        // with η = 1, τ = 1 the logits are r_0 / 2.
        var inpo = Play.Create("inpo", GameSource.Load(Game), shared: new SelfPlayOptions { Eta = 1 }, options: new InpoOptions { Tau = 1 });
        inpo.Step();
        Play.AssertClose(Play.Softmax(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([11.0 / 36, 7.0 / 36, 0.25])), inpo.Current[0], 1e-15);
    }

    [Fact]
    public void ExactInpoIsMagneticMirrorDescentWithAlphaEqualToTau()
    {
        var game = GameSource.Load("random:n=7");
        const double eta = 0.7, tau = 0.3;
        var inpo = Play.Create("inpo", game, shared: new SelfPlayOptions { Eta = eta }, options: new InpoOptions { Tau = tau });
        var mmd = Play.Create("mmd", game, shared: new SelfPlayOptions { Eta = eta, Samples = SampleCount.All }, options: new MagneticMirrorDescentOptions { Alpha = tau });
        Play.Run(inpo, 50);
        Play.Run(mmd, 50);
        Play.AssertClose(mmd.Current[0], inpo.Current[0], 1e-13);
    }

    [Fact]
    public void SampledFirstStepFromUniformIsTheHandComputedSquareLossStep()
    {
        // --samples all, exact labels: pairs (r,p), (r,s), (p,s) with P = 1/3, 1, 0. From d = 0 the residuals are
        // −s(P − 1/2) with s = η/(1+ητ) = 1/2, the derivatives 2·residual = (s/3, −s, s), the logit gradient (−2s/3, 2s/3, 0),
        // averaged over 3 pairs and stepped by lr: logits lr · (1/9, −1/9, 0).
        const double lr = 0.45;
        var inpo = Play.Create("inpo", GameSource.Load(Game), shared: new SelfPlayOptions { Eta = 1, LearningRate = lr, Samples = SampleCount.All }, options: new InpoOptions { Tau = 1, Loss = LossKind.Sampled });
        inpo.Step();
        Play.AssertClose(Play.Softmax(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([lr / 9, -lr / 9, 0])), inpo.Current[0], 1e-15);
    }
}
