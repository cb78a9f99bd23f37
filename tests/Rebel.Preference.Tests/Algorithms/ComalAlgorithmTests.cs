using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests.Algorithms;

public class ComalAlgorithmTests
{
    [Fact]
    public void InnerStepsAnchorToTheCentreWhichMovesToTheLastIterate()
    {
        var game = GameSource.Load("weighted-rps:margins=1/3/3,strength=1");
        const double eta = 0.6, prox = 0.5;
        const int inner = 2;
        var comal = Play.Create("comal", game, shared: new SelfPlayOptions { Eta = eta }, options: new ComalOptions { Prox = prox, Inner = inner });
        Play.Run(comal, 5);
        double a = eta * prox / (1 + eta * prox), b = eta / (1 + eta * prox);
        var p = Play.Uniform(3);
        var center = p.PointwiseLog();
        for (int t = 0; t < 5; t++)
        {
            p = Play.Softmax((1 - a) * p.PointwiseLog() + a * center + b * Play.WinRates(game, p));
            if ((t + 1) % inner == 0)
                center = p.PointwiseLog();
        }
        Play.AssertClose(p, comal.Current[0], 1e-15);
    }

    [Fact]
    public void LastIterateReachesTheMinimaxWinnerWhereInpoStopsAtTheRegularisedOne()
    {
        // Weighted RPS has the unique minimax winner ∝ (3, 3, 1); INPO at τ = 0.2 stays at the τ-regularised
        // equilibrium, COMAL's moving centre removes the regularisation.
        var options = new SelfPlayOptions { Eta = 1 };
        var comal = Play.Run("comal", "weighted-rps:margins=1/3/3,strength=1", 2000, shared: options, options: new ComalOptions { Prox = 0.2, Inner = 50 });
        var inpo = Play.Run("inpo", "weighted-rps:margins=1/3/3,strength=1", 2000, shared: options, options: new InpoOptions { Tau = 0.2 });
        Assert.InRange(comal.DualityGapLast, 0, 1e-5); // measured 1.06e-6
        Assert.InRange(inpo.DualityGapLast, 0.05, 1);
    }

    [Fact]
    public void ResumedCentreIsTheSavedOne()
    {
        var game = GameSource.Load("random:n=5");
        var options = new ComalOptions { Prox = 0.5, Inner = 3 };
        var full = Play.Create("comal", game, shared: new SelfPlayOptions { Eta = 0.5 }, options: options);
        var cut = Play.Create("comal", game, shared: new SelfPlayOptions { Eta = 0.5 }, options: options);
        Play.Run(full, 10);
        Play.Run(cut, 4);
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
            cut.SaveState(w);
        var resumed = Play.Create("comal", game, shared: new SelfPlayOptions { Eta = 0.5 }, options: options);
        using var doc = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
        resumed.LoadState(doc.RootElement);
        Play.Run(resumed, 6);
        Assert.Equal(full.Current[0].ToArray(), resumed.Current[0].ToArray());
    }

    [Fact]
    public void FewerThanOneInnerStepIsRefusedByName()
    {
        var e = Assert.Throws<OptionException>(() => Play.Create("comal", GameSource.Load("rps"), options: new ComalOptions { Inner = 0 }));
        Assert.Equal("ComalOptions.Inner = 0: must be at least 1", e.Message);
    }

    [Fact]
    public void SampledStepsWithACentreMovingEveryStepRepeatTheHandComputedInpoStep()
    {
        // --samples all, exact labels, η = 1, prox = 1 (label weight s = 1/2): from the uniform centre the first step
        // is INPO's, logits lr (1/9, −1/9, 0) (InpoAlgorithmTests). With --inner 1 the centre then moves to π_1, so the
        // log-ratios to it vanish again and the second step adds the same increment: logits 2 lr (1/9, −1/9, 0).
        const double lr = 0.45;
        var comal = Play.Create("comal", GameSource.Load("weighted-rps:margins=1/3/3,strength=1"), shared: new SelfPlayOptions { Eta = 1, LearningRate = lr, Samples = SampleCount.All }, options: new ComalOptions { Prox = 1, Inner = 1, Loss = LossKind.Sampled });
        comal.Step();
        Play.AssertClose(Play.Softmax(Vector<double>.Build.Dense([lr / 9, -lr / 9, 0])), comal.Current[0], 1e-15);
        comal.Step();
        Play.AssertClose(Play.Softmax(Vector<double>.Build.Dense([2 * lr / 9, -2 * lr / 9, 0])), comal.Current[0], 1e-15);
    }
}
