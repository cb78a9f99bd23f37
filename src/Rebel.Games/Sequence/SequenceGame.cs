namespace Rebel.Games.Sequence;

/// <summary>
/// An enumerable sequence game: the tabular game over every sequence, one context per prompt, and the numbering of
/// those sequences. The prompt of context <c>c</c> is <c>c</c> written in base V over the response vocabulary with
/// <see cref="PromptLength"/> digits (first digit most significant), so one context has the prompt <c>[0]</c>.
/// </summary>
/// <param name="Game">Contexts (prompts) whose responses are all sequences of <paramref name="Space"/>, in index order.</param>
/// <param name="Space">Maps token sequences to response indices and back.</param>
public sealed record SequenceGame(TabularGame Game, SequenceSpace Space)
{
    /// <summary>Tokens per prompt: the digits base V that number every context, at least 1.</summary>
    public int PromptLength
    {
        get
        {
            var length = 1;
            for (long reach = Space.Vocab; reach < Game.Contexts.Count; reach *= Space.Vocab) length++;
            return length;
        }
    }

    /// <summary>The prompt tokens of context <paramref name="context"/>.</summary>
    public long[] Prompt(int context)
    {
        if ((uint)context >= (uint)Game.Contexts.Count)
            throw new ArgumentOutOfRangeException(nameof(context), context, $"not in [0, {Game.Contexts.Count})");
        var tokens = new long[PromptLength];
        for (var t = tokens.Length - 1; t >= 0; t--)
        {
            tokens[t] = context % Space.Vocab;
            context /= Space.Vocab;
        }
        return tokens;
    }
}
