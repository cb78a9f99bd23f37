using Rebel.Games;
using Rebel.Neural.SelfPlay;
using Rebel.Preference.Options;
using Rebel.Preference;

namespace Rebel.Neural.Tests.SelfPlay;

public class NeuralAlgorithmsTests
{
    [Fact]
    public void RegistersANeuralVariantOfEachListedAlgorithmItImplements()
    {
        NeuralAlgorithms.Register();
        foreach (var (name, _, _) in NeuralAlgorithms.Variants)
        {
            Assert.True(typeof(NeuralSelfPlayOptions).IsAssignableFrom(AlgorithmCatalog.For(name, PolicyKind.Neural)!.OptionsType));
            Assert.NotEqual(typeof(NeuralSelfPlayOptions), AlgorithmCatalog.For(name, PolicyKind.Tabular)!.OptionsType);
        }
        // Online DPO's β and online IPO's τ are the tabular algorithms' options with their defaults; REBEL and SPPO take
        // the shared η as the tabular ones do.
        Assert.Equal(typeof(NeuralOnlineDpoOptions), AlgorithmCatalog.For("online-dpo", PolicyKind.Neural)!.OptionsType);
        Assert.Equal(new Rebel.Preference.Algorithms.OnlineDpoOptions().Beta, new NeuralOnlineDpoOptions().Beta);
        Assert.Equal(typeof(NeuralOnlineIpoOptions), AlgorithmCatalog.For("online-ipo", PolicyKind.Neural)!.OptionsType);
        Assert.Equal(new Rebel.Preference.Algorithms.OnlineIpoOptions().Tau, new NeuralOnlineIpoOptions().Tau);
        Assert.Equal(new Rebel.Preference.Algorithms.InpoOptions().Tau, new NeuralInpoOptions().Tau);
        Assert.Equal(AlgorithmCatalog.Find("omwu"), AlgorithmCatalog.For("omwu", PolicyKind.Neural));
    }

    [Theory]
    [InlineData("--samples all")]
    [InlineData("--pairs best-worst")]
    [InlineData("--explore 0.5")]
    public void RefusesSharedOptionsItDoesNotImplement(string flag)
    {
        var shared = flag switch
        {
            "--samples all" => new SelfPlayOptions { Samples = SampleCount.All },
            "--pairs best-worst" => new SelfPlayOptions { Pairs = PairSelection.BestWorst },
            _ => new SelfPlayOptions { Explore = 0.5 },
        };
        var setup = new AlgorithmSetup(GameSource.Load("seq-majority:vocab=2,length=2"), 10, 0, shared with { Policy = PolicyKind.Neural }, null);
        var e = Assert.ThrowsAny<ArgumentException>(() => NeuralAlgorithms.Create("rebel", setup));
        // A refused option names its property; its flag (what the CLI prints) is the property's [Option] name and value.
        string named = e is OptionException { Option: var o }
            ? $"--{OptionFields.Of(o.OptionsType).Single(f => f.Property.Name == o.Property).Name} {OptionField.Format(o.Value)}"
            : e.Message;
        Assert.StartsWith(flag, named, StringComparison.Ordinal);
    }
}
