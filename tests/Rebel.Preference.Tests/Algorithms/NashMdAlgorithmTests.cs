using Rebel.Games;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests.Algorithms;

public class NashMdAlgorithmTests
{
    [Fact]
    public void StepsAreMirrorStepsAgainstTheGeometricMixture()
    {
        var game = GameSource.Load("weighted-rps:margins=1/3/3,strength=1");
        const double eta = 0.5, tau = 0.4;
        var nash = Play.Create("nash-md", game, shared: new SelfPlayOptions { Eta = eta, Samples = SampleCount.All }, options: new NashMdOptions { Tau = tau });
        Play.Run(nash, 3);
        var reference = Play.Uniform(3);
        var p = reference;
        for (int t = 0; t < 3; t++)
        {
            var mixture = Play.Softmax((1 - eta * tau) * p.PointwiseLog() + eta * tau * reference.PointwiseLog());
            p = Play.Softmax(mixture.PointwiseLog() + eta * Play.WinRates(game, mixture));
        }
        Play.AssertClose(p, nash.Current[0], 1e-13);
    }

    [Fact]
    public void RejectsAMixtureWeightAboveOne()
    {
        var e = Assert.Throws<OptionException>(() => Play.Create("nash-md", GameSource.Load("rps"), shared: new SelfPlayOptions { Eta = 2 }, options: new NashMdOptions { Tau = 1 }));
        Assert.Equal((typeof(NashMdOptions), nameof(NashMdOptions.Tau)), (e.Option.OptionsType, e.Option.Property));
        Assert.Equal("NashMdOptions.Tau = 1: η·τ = 2 must lie in [0, 1]", e.Message);
    }
}
