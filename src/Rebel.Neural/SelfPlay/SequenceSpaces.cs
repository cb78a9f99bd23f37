using Rebel.Games;
using Rebel.Games.Sequence;

namespace Rebel.Neural.SelfPlay;

/// <summary>Recognises an enumerable sequence game among tabular games by the names <see cref="SequenceSpace.Name"/> gives its responses.</summary>
internal static class SequenceSpaces
{
    /// <summary>The space whose sequences, in index order, are the responses of every context (prompt) of <paramref name="game"/>.</summary>
    /// <exception cref="ArgumentException">The game is not an enumerable sequence game; the message says why in one line.</exception>
    internal static SequenceSpace Of(TabularGame game)
    {
        const string Need = "a neural policy needs an enumerable sequence game (e.g. seq-majority:vocab=3,length=3, or a game file of one)";
        var names = game.Contexts[0].Responses;
        if (game.Contexts.FirstOrDefault(c => !c.Responses.SequenceEqual(names)) is { } other)
            throw new ArgumentException($"{Need}; context '{other.Name}' of '{game.Name}' has other responses than '{game.Contexts[0].Name}'");
        var first = names[0];
        var length = first.Contains('.', StringComparison.Ordinal) ? first.Split('.').Length : first.Length;
        var vocab = (int)Math.Round(Math.Pow(names.Count, 1.0 / length));
        SequenceSpace? space = null;
        if (vocab >= 2 && Math.Pow(vocab, length) == names.Count)
            space = new SequenceSpace(vocab, length);
        for (var i = 0; space is not null && i < names.Count; i++)
            if (names[i] != space.Name(i)) space = null;
        return space ?? throw new ArgumentException($"{Need}; the responses of '{game.Name}' ({first}, …) are not all token sequences of one length in index order");
    }
}
