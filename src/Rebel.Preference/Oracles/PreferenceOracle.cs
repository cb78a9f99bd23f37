using Rebel.Games;
using Rebel.Games.Randomness;

namespace Rebel.Preference.Oracles;

/// <summary>
/// Base of the built-in oracles: query counting, Bernoulli feedback and evaluation into a tabular game, on top of
/// one uncounted <see cref="Probability"/> per model.
/// </summary>
public abstract class PreferenceOracle : IPreferenceOracle
{
    /// <inheritdoc/>
    public abstract int ContextCount { get; }

    /// <inheritdoc/>
    public abstract int ResponseCount(int context);

    /// <inheritdoc/>
    public long Queries { get; set; }

    /// <summary>The model's <c>P(a ≻ b | context)</c>, not counted as a query.</summary>
    public abstract double Probability(int context, int a, int b);

    /// <inheritdoc/>
    public void Probabilities(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<double> result)
    {
        if (a.Length != b.Length || result.Length < a.Length)
            throw new ArgumentException("the pair lists and the result must have the same length");
        for (int k = 0; k < a.Length; k++)
            result[k] = Probability(context, a[k], b[k]);
        Queries += a.Length;
    }

    /// <inheritdoc/>
    public void Feedback(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, FeedbackKind kind, SeededRandom random, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(random);
        Probabilities(context, a, b, result);
        BernoulliFeedback.Apply(kind, random, result[..a.Length]);
    }

    /// <summary>
    /// The tabular game of this oracle: every context's full preference matrix, with contexts named <c>x0, x1, …</c>
    /// and responses <c>y0, y1, …</c> unless names are given; the exact metrics are computed on it.
    /// </summary>
    /// <exception cref="GameValidationException">The model's probabilities do not form a valid game.</exception>
    public TabularGame ToGame(string name, IReadOnlyList<string>? contextNames = null, IReadOnlyList<IReadOnlyList<string>>? responseNames = null, IReadOnlyList<double>? weights = null) =>
        OracleGames.Enumerate(this, name, contextNames, responseNames, weights);
}
