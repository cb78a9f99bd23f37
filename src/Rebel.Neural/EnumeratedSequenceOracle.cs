using Rebel.Games.Randomness;
using Rebel.Games.Sequence;
using Rebel.Preference;
using Rebel.Preference.Oracles;

namespace Rebel.Neural;

/// <summary>
/// The <see cref="ISequenceOracle"/> of an enumerable sequence game: the oracle of its contexts, every sequence of
/// <paramref name="space"/> indexed by <see cref="SequenceSpace.Index"/>, so the neural learner sees the game only through its oracle.
/// </summary>
public sealed class EnumeratedSequenceOracle(IPreferenceOracle oracle, SequenceSpace space) : ISequenceOracle
{
    private readonly IPreferenceOracle _oracle = oracle ?? throw new ArgumentNullException(nameof(oracle));
    private readonly SequenceSpace _space = space ?? throw new ArgumentNullException(nameof(space));

    /// <inheritdoc/>
    public int Index(int context, ReadOnlySpan<long> response) => _space.Index(response);

    /// <inheritdoc/>
    public int ContextCount => _oracle.ContextCount;

    /// <inheritdoc/>
    public int ResponseCount(int context) => _oracle.ResponseCount(context);

    /// <inheritdoc/>
    public bool AnswersProbabilities => _oracle.AnswersProbabilities;

    /// <inheritdoc/>
    public bool Enumerable => _oracle.Enumerable;

    /// <inheritdoc/>
    public long Queries { get => _oracle.Queries; set => _oracle.Queries = value; }

    /// <inheritdoc/>
    public void Probabilities(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<double> result) => _oracle.Probabilities(context, a, b, result);

    /// <inheritdoc/>
    public void Feedback(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, FeedbackKind kind, SeededRandom random, Span<double> result) =>
        _oracle.Feedback(context, a, b, kind, random, result);
}
