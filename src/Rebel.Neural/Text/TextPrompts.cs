using Rebel.Games;
using Rebel.Neural.SelfPlay;

namespace Rebel.Neural.Text;

/// <summary>
/// Text prompts for a sequence game whose context names are prompt texts. The tokenizer's ids are compacted: the
/// distinct ids of all prompts, in increasing order, become V, V+1, … after the V response tokens (so the policy's
/// vocabulary holds only the ids that occur, not GPT-2's 50,257), and one more id left-pads shorter prompts, as in
/// <see cref="TextVocabulary"/>.
/// </summary>
public static class TextPrompts
{
    /// <summary>The prompts of <paramref name="game"/>'s contexts, tokenized by <paramref name="tokenizer"/>, as compact ids.</summary>
    /// <exception cref="ArgumentException">The game is not an enumerable sequence game, or a context name is empty text.</exception>
    public static PromptSet Of(TabularGame game, TextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var vocab = SequenceSpaces.Of(game).Vocab;
        var tokens = game.Contexts.Select(c => c.Name.Length > 0 ? tokenizer.Encode(c.Name) : []).ToArray();
        if (Array.FindIndex(tokens, t => t.Length == 0) is var empty and >= 0)
            throw new ArgumentException($"Tokenizer: context {empty} of '{game.Name}' has no prompt text");
        var promptIds = TextVocabulary.Ids(tokens);
        return new PromptSet(tokens.Select(t => TextVocabulary.CompactPrompt(t, promptIds, vocab, t.Length)).ToArray(),
            game.Contexts.Select(c => c.Weight).ToArray(), vocab + promptIds.Length);
    }
}
