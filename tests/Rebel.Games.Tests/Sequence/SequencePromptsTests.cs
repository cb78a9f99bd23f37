using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Games.Sequence;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Sequence;

public class SequencePromptsTests
{
    private static SequenceGame Create(string spec)
    {
        var family = new SequenceMajority();
        return family.CreateSequenceGame(GameSpec.Parse(spec, family));
    }

    [Fact]
    public void EachPromptHasItsOwnAnnotatorsSoTheMinimaxWinnerDiffersByPrompt()
    {
        var game = Create("seq-majority:vocab=3,length=3,annotators=3,seed=1,prompts=3");
        Assert.Equal(["x0", "x1", "x2"], game.Game.Contexts.Select(c => c.Name));
        Assert.All(game.Game.Contexts, c => Assert.Equal(1.0 / 3, c.Weight, 15));
        var winners = game.Game.Contexts.Select(c => MinimaxWinner.Solve(c).Policy).ToArray();
        // Each is a minimax winner of its own prompt (gap 0) and far from one of another prompt (gap of 0.3 or more).
        for (var x = 0; x < 3; x++)
            for (var other = 0; other < 3; other++)
            {
                var gap = DualityGap.Of(game.Game.Contexts[x], winners[other]);
                if (x == other) Assert.Equal(0, gap, 9);
                else Assert.True(gap > 0.3, $"the winner of x{other} has gap {gap} on x{x}");
            }
    }

    [Fact]
    public void PromptZeroIsTheSinglePromptGame()
    {
        var one = Create("seq-majority:vocab=3,length=2,annotators=3,seed=4").Game.Contexts[0].Preference;
        var first = Create("seq-majority:vocab=3,length=2,annotators=3,seed=4,prompts=2").Game.Contexts[0].Preference;
        Assert.Equal(one.ToArray(), first.ToArray());
    }

    [Fact]
    public void PromptsAreTheContextsNumberedInBaseVAfterTheFirstToken()
    {
        var game = Create("seq-majority:vocab=2,length=2,annotators=1,seed=1,prompts=5");
        Assert.Equal(3, game.PromptLength);
        Assert.Equal([1L, 0L, 0L], game.Prompt(4));
        Assert.Equal([0L], Create("seq-majority:vocab=2,length=2").Prompt(0));
    }
}
