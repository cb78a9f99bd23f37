using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class ColonelBlottoTests
{
    [Theory]
    [InlineData(5, 3, 21)]
    [InlineData(6, 4, 84)]
    [InlineData(3, 1, 1)]
    public void ResponsesAreAllAllocations(int soldiers, int fields, int count)
    {
        var c = GameZoo.Create(FormattableString.Invariant($"blotto:soldiers={soldiers},fields={fields}")).Contexts[0];
        Assert.Equal(count, c.Count);
        Assert.All(c.Responses, r => Assert.Equal(soldiers, r.Split('-').Sum(int.Parse)));
        Assert.All(Enumerable.Range(0, c.Count), i => Assert.Equal(1, c.Features!.Row(i).Sum(), 12));
    }

    [Theory]
    [InlineData("3-1-1", "2-2-1", 0.5)] // one field each, one tied
    [InlineData("2-2-1", "5-0-0", 1.0)] // two fields to one
    [InlineData("0-0-5", "1-1-3", 0.0)]
    [InlineData("2-2-1", "2-2-1", 0.5)]
    public void OutcomesFollowTheFieldCount(string a, string b, double expected)
    {
        var c = GameZoo.Create("blotto").Contexts[0];
        var index = c.Responses.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
        Assert.Equal(expected, c.Preference[index[a], index[b]]);
    }

    [Fact]
    public void UniformOverTheThreeSpreadAllocationsIsExploitable()
    {
        // Against 5-0-0 every allocation that wins two fields wins outright: DG(pure 5-0-0) = 1.
        var game = GameZoo.Create("blotto");
        int n = game.Contexts[0].Count;
        Assert.Equal(1.0, ZooAssert.Gap(game, ZooAssert.Pure(n, 0)), 12);
    }
}
