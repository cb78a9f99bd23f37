using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests;

public class RegularisedSelfPlayTests
{
    [Theory]
    [InlineData("mirror-descent")]
    [InlineData("nash-md")]
    [InlineData("rebel")]
    public void DgRegIsTheRegularisedGapOfTheNewIterate(string algorithm)
    {
        var game = GameSource.Load("random:n=6");
        var regularised = new RegularisedGame(game, 0.2);
        var wrapped = new RegularisedSelfPlay(Play.Create(algorithm, game), regularised);
        for (int t = 0; t < 5; t++)
        {
            var m = wrapped.Step();
            Assert.Equal("dg_reg", m.Extra[0].Key);
            Assert.Equal(regularised.DualityGap(wrapped.Current), m.Extra[0].Value);
            Assert.Equal(DualityGap.Of(game, wrapped.Current), m.DualityGapLast, 1e-12);
        }
    }

    [Fact]
    public void AnchoringNashMdToAReferenceMovesItsMixtureTowardThatReference()
    {
        // Nash-MD from the uniform π_0 toward ρ: mixture ∝ π_0^{1−ητ} ρ^{ητ}, then π_1 ∝ mixture · exp(η P mixture).
        var game = GameSource.Load("weighted-rps:margins=1/3/3,strength=1");
        const double eta = 0.5, tau = 0.4;
        var rho = Vector<double>.Build.Dense([0.6, 0.3, 0.1]);
        var nash = (TabularSelfPlay)Play.Create("nash-md", game, shared: new SelfPlayOptions { Eta = eta, Samples = SampleCount.All }, options: new NashMdOptions { Tau = tau });
        nash.AnchorTo(new TabularPolicy([rho]));
        nash.Step();
        var mixture = Play.Softmax((1 - eta * tau) * Play.Uniform(3).PointwiseLog() + eta * tau * rho.PointwiseLog());
        Play.AssertClose(Play.Softmax(mixture.PointwiseLog() + eta * Play.WinRates(game, mixture)), nash.Current[0], 1e-15);
        Assert.Throws<InvalidOperationException>(() => nash.AnchorTo(new TabularPolicy([rho])));
    }

    [Fact]
    public void WrappingAnAlgorithmOfAnotherGameIsRefused()
    {
        var regularised = new RegularisedGame(GameSource.Load("rps"), 0.1);
        Assert.Throws<ArgumentException>(() => new RegularisedSelfPlay(Play.Create("inpo", GameSource.Load("rps")), regularised));
    }
}
