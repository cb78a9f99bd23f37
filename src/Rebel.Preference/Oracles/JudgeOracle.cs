using Rebel.Games;
using Rebel.Games.Judges;
using Rebel.Games.Randomness;

namespace Rebel.Preference.Oracles;

/// <summary>
/// A judge process as the learner's oracle (docs/judge-protocol.md): every batch of pairs is one request line to the
/// judge and one answer line back. A judge that answers probabilities gets Bernoulli outcomes drawn here from the run's
/// generator; a judge that answers outcomes gets a seed per request drawn from it. Either way a deterministic judge
/// gives the same answers to a resumed run, so resume is bit-exact. The process starts at the first query (building the
/// oracle to validate a run starts nothing); a failed judge throws <see cref="GameValidationException"/> naming the
/// judge and the answer line.
/// </summary>
public sealed class JudgeOracle : IPreferenceOracle, IDisposable
{
    private readonly JudgeProcess _process;

    /// <summary>The oracle of the judge <paramref name="spec"/>.</summary>
    public JudgeOracle(JudgeSpec spec) => _process = new JudgeProcess(spec ?? throw new ArgumentNullException(nameof(spec)));

    /// <summary>The judge.</summary>
    public JudgeSpec Spec => _process.Spec;

    /// <inheritdoc/>
    public int ContextCount => Spec.Contexts.Count;

    /// <inheritdoc/>
    public int ResponseCount(int context) => Spec.Contexts[context].Responses.Count;

    /// <inheritdoc/>
    public bool AnswersProbabilities => Spec.Answers == JudgeAnswers.Probabilities;

    /// <inheritdoc/>
    public bool Enumerable => Spec.IsEnumerable;

    /// <inheritdoc/>
    public long Queries { get; set; }

    /// <summary>Interrupts a wait on the judge (Ctrl+C): the request throws <see cref="OperationCanceledException"/> and the judge is stopped.</summary>
    public CancellationToken Cancellation { get; set; }

    /// <summary>Requests (answer lines) the judge has answered.</summary>
    public long Requests => _process.Answers;

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The judge answers outcomes.</exception>
    /// <exception cref="GameValidationException">The judge failed.</exception>
    public void Probabilities(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<double> result)
    {
        if (!AnswersProbabilities)
            throw new NotSupportedException($"{Spec.Describe()} answers outcomes, not probabilities");
        _process.Ask(context, a, b, null, result, Cancellation);
        Queries += a.Length;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Exact feedback asked of a judge that answers outcomes.</exception>
    /// <exception cref="GameValidationException">The judge failed.</exception>
    public void Feedback(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, FeedbackKind kind, SeededRandom random, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (AnswersProbabilities)
        {
            Probabilities(context, a, b, result);
            BernoulliFeedback.Apply(kind, random, result[..a.Length]);
            return;
        }
        if (kind != FeedbackKind.Bernoulli)
            throw new ArgumentException($"Feedback: {Spec.Describe()} answers outcomes, so the feedback must be Bernoulli");
        _process.Ask(context, a, b, random.NextUInt64(), result, Cancellation);
        Queries += a.Length;
    }

    /// <summary>Stops the judge.</summary>
    public void Dispose() => _process.Dispose();
}
