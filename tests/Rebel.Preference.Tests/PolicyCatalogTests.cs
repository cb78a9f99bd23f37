using Rebel.Games;
using Rebel.Preference.Policies;

namespace Rebel.Preference.Tests;

public class PolicyCatalogTests
{
    [Fact]
    public void TheLibrarysPolicyClassesAreFoundByTheirDescriptors()
    {
        Assert.Equal([PolicyKind.Tabular, PolicyKind.LogLinear], PolicyCatalog.Kinds);
        var game = GameSource.Load("bt-mixture:n=4");
        Assert.IsType<TabularSoftmaxPolicy>(PolicyCatalog.Create(PolicyKind.Tabular, game));
        Assert.IsType<LogLinearPolicy>(PolicyCatalog.Create(PolicyKind.LogLinear, game));
        // REBEL fits any registered class; the neural policies are variants of their own, not IPolicyModels.
        Assert.True(AlgorithmCatalog.Find("rebel").Supports(PolicyKind.LogLinear));
        Assert.False(AlgorithmCatalog.Find("sppo").Supports(PolicyKind.LogLinear));
        var e = Assert.Throws<OptionException>(() => PolicyCatalog.Create(PolicyKind.Neural, game));
        Assert.Equal(nameof(SelfPlayOptions.Policy), e.Option.Property);
    }
}
