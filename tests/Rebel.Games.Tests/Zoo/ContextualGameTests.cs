using Rebel.Games.Exact;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class ContextualGameTests
{
    [Fact]
    public void BuildsManyContextsOfTheInnerFamilyWithTheirOwnSeeds()
    {
        var game = GameZoo.Create("contextual:family=random,contexts=50,n=16,share=0.3,seed=0");
        Assert.Equal(50, game.Contexts.Count);
        Assert.Equal("x49", game.Contexts[49].Name);
        Assert.All(game.Contexts, c => Assert.Equal(16, c.Count));
        Assert.All(game.Contexts, c => Assert.Equal(1.0 / 50, c.Weight, 15));
        // Forwarded keys reach the inner family: every context has the cyclic share asked for.
        Assert.All(game.Contexts, c => Assert.Equal(0.3, HodgeDecomposition.OfMargin(c).CyclicShare, 9));
        Assert.NotEqual(game.Contexts[0].Preference[0, 1], game.Contexts[1].Preference[0, 1]);
    }

    [Fact]
    public void RandomWeightsAreNormalisedAndFromTheSeed()
    {
        var game = GameZoo.Create("contextual:family=rps,contexts=20,weights=random,seed=3");
        Assert.Equal(1, game.Contexts.Sum(c => c.Weight), 12);
        // Raw weights lie in [0.5, 1.5), so normalised ones differ by a factor below 3.
        Assert.True(game.Contexts.Max(c => c.Weight) < 3 * game.Contexts.Min(c => c.Weight));
        Assert.NotEqual(game.Contexts[0].Weight, game.Contexts[1].Weight);
        var other = GameZoo.Create("contextual:family=rps,contexts=20,weights=random,seed=4");
        Assert.NotEqual(game.Contexts[0].Weight, other.Contexts[0].Weight);
    }

    [Fact]
    public void ContextsOfAFamilyWithoutSeedAreIdenticalGames()
    {
        var game = GameZoo.Create("contextual:family=weighted-rps,contexts=4,margins=1/2/3");
        var single = GameZoo.Create("weighted-rps:margins=1/2/3").Contexts[0];
        Assert.All(game.Contexts, c => Assert.Equal(single.Preference.ToColumnMajorArray(), c.Preference.ToColumnMajorArray()));
    }
}
