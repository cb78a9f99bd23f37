using Rebel.Games;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests.Algorithms;

public sealed class NashMirrorProxAlgorithmTests
{
    [Fact]
    public void TheFirstStepIsTwoProximalStepsFromTheUniformStart()
    {
        // From uniform π_0 = π_ref, both steps are softmax of (η/(1 + ητ)) times win rates: the half step's against π_0,
        // the full step's against the half step. η = 1, τ = 0.1 (the defaults): weight 1/1.1.
        var game = GameSource.Load("weighted-rps");
        var nash = (TabularSelfPlay)Play.Create("nash-mp", game);
        nash.Step();
        var uniform = Play.Uniform(3);
        var half = Play.Softmax(Play.WinRates(game, uniform) / 1.1);
        Play.AssertClose(Play.Softmax(Play.WinRates(game, half) / 1.1), nash.Current[0], 1e-15);
    }

    [Fact]
    public void ItIsExactAndRefusesSamplingOptions() =>
        Assert.Throws<OptionException>(() => Play.Create("nash-mp", GameSource.Load("rps"), shared: new SelfPlayOptions { Feedback = FeedbackKind.Bernoulli }));

    [Fact]
    public void TheSampledFormWithEveryResponseAndExactFeedbackIsTheExactForm()
    {
        var game = GameSource.Load("weighted-rps");
        var exact = Play.Create("nash-mp", game, shared: new SelfPlayOptions { Eta = 1 });
        var sampled = Play.Create("nash-mp", game, shared: new SelfPlayOptions { Eta = 1, Samples = SampleCount.All }, options: new NashMirrorProxOptions { Loss = LossKind.Sampled });
        for (int t = 0; t < 5; t++)
        {
            exact.Step();
            sampled.Step();
            Play.AssertClose(exact.Current[0], sampled.Current[0], 1e-12);
        }
    }
}
