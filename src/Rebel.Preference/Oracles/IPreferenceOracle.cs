using Rebel.Games.Randomness;

namespace Rebel.Preference.Oracles;

/// <summary>
/// A preference oracle <c>P(y ≻ y′ | x)</c> over finite response sets: exact probabilities for batches of pairs, or
/// binary feedback drawn from an explicit seeded generator. Every answered pair counts as one query. Learners see the
/// preferences only through this interface (<see cref="AlgorithmSetup.Oracle"/>); implement it for a model that can only
/// be asked (a judge process: <see cref="JudgeOracle"/>), and wrap it in a <see cref="CachingOracle"/> when asking is dear.
/// </summary>
public interface IPreferenceOracle
{
    /// <summary>Number of contexts.</summary>
    int ContextCount { get; }

    /// <summary>Number of responses <c>|Y_x|</c> of context <paramref name="context"/>.</summary>
    int ResponseCount(int context);

    /// <summary>
    /// Whether <see cref="Probabilities"/> answers: false for an oracle that only reports outcomes (a judge that
    /// answers who won), which then serves <see cref="Feedback"/> with <see cref="FeedbackKind.Bernoulli"/> only and
    /// whose matrix an evaluator cannot enumerate.
    /// </summary>
    bool AnswersProbabilities => true;

    /// <summary>
    /// Whether the game a learner plays with this oracle holds its full matrix, so that the evaluator computes exact
    /// metrics on it: true for an oracle that answers probabilities (its game is its matrix); false for a judge whose
    /// matrix was not asked for (outcomes, or more queries than its evaluation budget), whose runs report estimates.
    /// </summary>
    bool Enumerable => AnswersProbabilities;

    /// <summary>Queries answered so far; settable so that a resumed run continues its count.</summary>
    long Queries { get; set; }

    /// <summary>Writes <c>P(a[k] ≻ b[k] | context)</c> into <paramref name="result"/>; counts <c>a.Length</c> queries.</summary>
    void Probabilities(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<double> result);

    /// <summary>
    /// Writes the feedback for each pair: the probability itself for <see cref="FeedbackKind.Exact"/>, or an outcome
    /// 1 (a wins) / 0 drawn with that probability from <paramref name="random"/> for <see cref="FeedbackKind.Bernoulli"/>.
    /// </summary>
    void Feedback(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, FeedbackKind kind, SeededRandom random, Span<double> result);
}
