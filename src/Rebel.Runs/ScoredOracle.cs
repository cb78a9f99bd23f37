using Rebel.Games.Randomness;
using Rebel.Preference;
using Rebel.Preference.Oracles;

namespace Rebel.Runs;

/// <summary>
/// An oracle whose run was given the game to score on (<see cref="RunBuilder.EvaluationGame"/>): it answers as the
/// oracle does, but declares its game enumerated, so that the evaluator computes exact metrics on that game instead of
/// estimating them from the oracle's outcomes.
/// </summary>
internal sealed class ScoredOracle(IPreferenceOracle inner) : IPreferenceOracle
{
    public int ContextCount => inner.ContextCount;

    public int ResponseCount(int context) => inner.ResponseCount(context);

    public bool AnswersProbabilities => inner.AnswersProbabilities;

    public bool Enumerable => true;

    public long Queries
    {
        get => inner.Queries;
        set => inner.Queries = value;
    }

    public void Probabilities(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<double> result) =>
        inner.Probabilities(context, a, b, result);

    public void Feedback(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, FeedbackKind kind, SeededRandom random, Span<double> result) =>
        inner.Feedback(context, a, b, kind, random, result);
}
