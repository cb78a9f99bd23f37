namespace Rebel.Games.Sequence;

/// <summary>An enumerable sequence game: the tabular game over every sequence, and the numbering of those sequences.</summary>
/// <param name="Game">One context whose responses are all sequences of <paramref name="Space"/>, in index order.</param>
/// <param name="Space">Maps token sequences to response indices and back.</param>
public sealed record SequenceGame(TabularGame Game, SequenceSpace Space);
