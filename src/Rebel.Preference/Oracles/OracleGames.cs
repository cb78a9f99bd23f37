using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;

namespace Rebel.Preference.Oracles;

/// <summary>The tabular game of any oracle that answers probabilities, for the exact evaluator.</summary>
public static class OracleGames
{
    /// <summary>
    /// Asks <paramref name="oracle"/> every ordered pair of distinct responses of every context (one batch per row) and
    /// returns the game of its answers, contexts named <c>x0, x1, …</c> and responses <c>y0, y1, …</c> unless names are
    /// given, with equal weights unless weights are given.
    /// These questions serve the evaluation, not a learner: the oracle's <see cref="IPreferenceOracle.Queries"/> is
    /// left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">The oracle answers outcomes only (<see cref="IPreferenceOracle.AnswersProbabilities"/> is false).</exception>
    /// <exception cref="GameValidationException">Its answers do not form a valid game (e.g. P(a ≻ b) + P(b ≻ a) ≠ 1).</exception>
    public static TabularGame Enumerate(IPreferenceOracle oracle, string name, IReadOnlyList<string>? contextNames = null,
        IReadOnlyList<IReadOnlyList<string>>? responseNames = null, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(name);
        if (!oracle.AnswersProbabilities)
            throw new ArgumentException("Oracle: it answers outcomes only, so its preference matrix cannot be asked for", nameof(oracle));
        long queries = oracle.Queries;
        var contexts = new GameContext[oracle.ContextCount];
        for (int c = 0; c < contexts.Length; c++)
        {
            int n = oracle.ResponseCount(c);
            var p = Matrix<double>.Build.Dense(n, n, 0.5);
            var a = new int[n - 1];
            var b = new int[n - 1];
            var row = new double[n - 1];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0, k = 0; j < n; j++)
                    if (j != i)
                        (a[k], b[k++]) = (i, j);
                oracle.Probabilities(c, a, b, row);
                for (int k = 0; k < row.Length; k++)
                    p[i, b[k]] = row[k];
            }
            var responses = responseNames?[c] ?? Enumerable.Range(0, n).Select(i => "y" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            contexts[c] = new GameContext(contextNames?[c] ?? "x" + c.ToString(CultureInfo.InvariantCulture), weights?[c] ?? 1, responses, p);
        }
        oracle.Queries = queries;
        return new TabularGame(name, contexts);
    }
}
