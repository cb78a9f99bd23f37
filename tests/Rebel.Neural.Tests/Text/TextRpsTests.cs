using Rebel.Games.Exact;
using Rebel.Games.Sequence;
using Rebel.Neural.Tests.Fixtures;
using Rebel.Neural.Text;

namespace Rebel.Neural.Tests.Text;

public class TextRpsTests
{
    [Theory]
    [InlineData(" rock paper paper", 1)]
    [InlineData(" scissors rock", 2)]
    [InlineData(" paper rock rock scissors", 0)]
    [InlineData("", -1)]
    public void TheHandIsTheMostNamedWordTiesToTheFirstNamed(string text, int hand) => Assert.Equal(hand, TextRps.Hand(text.Replace(" ", " ", StringComparison.Ordinal)));

    [Fact]
    public void ResponsesAreReadUpToTheEndTokenAndTheirHandsPlayAnIntransitiveGame()
    {
        var game = NeuralData.TextRps("text-rps:length=2");
        Assert.Equal(16, game.Space.Count);
        Assert.Equal(" rock", TextRps.Text([1, 0]));
        Assert.Equal(" rock", TextRps.Text([1, 0, 3]));
        var x0 = game.Game.Contexts[0];
        Assert.Equal(TextRps.Prompts[0].Text, x0.Name);
        int Index(params long[] t) => game.Space.Index(t);
        // paper ≻ rock, scissors ≻ paper, rock ≻ scissors: a cycle, and a hand beats the empty text.
        Assert.Equal(1.0, x0.Preference[Index(2, 0), Index(1, 0)]);
        Assert.Equal(1.0, x0.Preference[Index(3, 0), Index(2, 2)]);
        Assert.Equal(1.0, x0.Preference[Index(1, 1), Index(3, 0)]);
        Assert.Equal(1.0, x0.Preference[Index(1, 0), Index(0, 2)]);
        // The text decides: tokens after the end token do not change the response.
        Assert.Equal(x0.Preference.Row(Index(0, 0)), x0.Preference.Row(Index(0, 3)));
    }

    [Fact]
    public void TheMinimaxWinnerDiffersByPrompt()
    {
        var game = NeuralData.TextRps("text-rps:length=1");
        var winners = game.Game.Contexts.Select(c => MinimaxWinner.Solve(c).Policy).ToArray();
        // Responses: end, rock, paper, scissors. Plain RPS is uniform over the hands; weighted RPS is not.
        Assert.All(winners[0].ToArray().Zip([0, 1.0 / 3, 1.0 / 3, 1.0 / 3]), p => Assert.Equal(p.Second, p.First, 6));
        Assert.True(DualityGap.Of(game.Game.Contexts[1], winners[0]) > 0.1);
        Assert.True(DualityGap.Of(game.Game.Contexts[2], winners[1]) > 0.1);
    }

    [Fact]
    public void GptTwoGivesEachWordOneTokenSoTheResponseIdsAreACompactGptTwoVocabulary()
    {
        var gpt2 = TextTokenizer.Load("gpt2");
        Assert.Equal([[3881], [3348], [41786]], TextRps.Words.Select(gpt2.Encode));
        Assert.Equal(" rock paper scissors", gpt2.Decode([3881, 3348, 41786]));
    }
}
