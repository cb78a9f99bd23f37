using Rebel.Games;
using Rebel.Preference.Options;
using Rebel.Preference.Policies;

namespace Rebel.Preference.Tests;

public class PolicyCatalogTests
{
    [Fact]
    public void TheLibrarysPolicyClassesAreFoundByTheirDescriptors()
    {
        Assert.Equal([PolicyKind.Tabular, PolicyKind.LogLinear], PolicyCatalog.Kinds.Take(2));
        var game = GameSource.Load("bt-mixture:n=4");
        Assert.IsType<TabularSoftmaxPolicy>(PolicyCatalog.Create(PolicyKind.Tabular, game));
        Assert.IsType<LogLinearPolicy>(PolicyCatalog.Create(PolicyKind.LogLinear, game));
        // REBEL fits any registered class; the neural policies are variants of their own, not IPolicyModels.
        Assert.True(AlgorithmCatalog.Find("rebel").Supports(PolicyKind.LogLinear));
        Assert.False(AlgorithmCatalog.Find("sppo").Supports(PolicyKind.LogLinear));
        var e = Assert.Throws<OptionException>(() => PolicyCatalog.Create(PolicyKind.Neural, game));
        Assert.Equal(nameof(SelfPlayOptions.Policy), e.Option.Property);
    }

    [Fact]
    public void AnotherAssemblysPolicyClassIsRegisteredUnderItsOwnKeyAndLearnedByRebel()
    {
        // An open key, as an algorithm's name: the class a test defines needs no change to the library.
        var kind = new PolicyKind("one-hot-loglinear");
        Assert.Throws<FormatException>(() => PolicyKind.Parse(kind.Name, null));
        PolicyCatalog.Register(new PolicyDescriptor(kind, "log-linear, by a test", g => new LogLinearPolicy(g)));
        Assert.Equal(kind, PolicyKind.Parse(kind.Name, null));
        var policy = OptionFields.Of(typeof(SelfPlayOptions)).Single(f => f.Property.Name == nameof(SelfPlayOptions.Policy));
        Assert.Equal(kind, policy.Parse(kind.Name));
        // Help lists it beside the library's own (IOptionChoices), as it lists an enum's names.
        Assert.Equal(PolicyKind.Known.Select(k => k.Name), policy.Choices);
        Assert.Contains(kind.Name, policy.Choices);
        Assert.Equal([PolicyKind.Tabular, PolicyKind.LogLinear], PolicyCatalog.Kinds.Take(2));
        Assert.True(AlgorithmCatalog.Find("rebel").Supports(kind));
        var run = Play.Create("rebel", GameSource.Load("bt-mixture:n=4"), shared: new SelfPlayOptions { Policy = kind, Samples = SampleCount.All });
        Assert.True(run.Step().DualityGapLast >= 0);
        Assert.Throws<ArgumentException>(() => new PolicyKind("Not a key"));
    }
}
