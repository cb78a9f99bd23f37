using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Rebel.Games.Judges;

/// <summary>
/// The tabular game of a judge, for the evaluation: every context's full preference matrix, asked of the judge in one
/// request per context (every ordered pair of distinct responses) and made skew by
/// <c>P(a ≻ b) = (p(a, b) + 1 − p(b, a)) / 2</c>, so that a judge with a position bias still gives a valid game. Its
/// queries are the evaluation's (<see cref="JudgeSpec.EvalQueries"/>), never the learner's.
/// </summary>
public static class JudgeGame
{
    /// <summary>Builds the game of <paramref name="spec"/> by running the judge once.</summary>
    /// <exception cref="GameValidationException">
    /// The judge answers outcomes (no matrix to enumerate), the matrix would exceed <see cref="JudgeSpec.EvalBudget"/>,
    /// or the judge failed.
    /// </exception>
    public static TabularGame Build(JudgeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Answers == JudgeAnswers.Outcomes)
            throw new GameValidationException($"{spec.Describe()} answers outcomes: its preference matrix cannot be enumerated for the exact metrics (answers=probabilities gives them)");
        if (spec.EvalQueries > spec.EvalBudget)
            throw new GameValidationException(string.Create(CultureInfo.InvariantCulture,
                $"{spec.Describe()}: the evaluation's full matrix needs {spec.EvalQueries} queries, more than the evaluation budget {spec.EvalBudget} (raise eval-budget, or use fewer responses)"));
        using var judge = new JudgeProcess(spec);
        var contexts = new GameContext[spec.Contexts.Count];
        for (int c = 0; c < contexts.Length; c++)
        {
            var context = spec.Contexts[c];
            int n = context.Responses.Count;
            var a = new List<int>(n * (n - 1));
            var b = new List<int>(n * (n - 1));
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (i != j)
                    {
                        a.Add(i);
                        b.Add(j);
                    }
            var p = new double[a.Count];
            judge.Ask(c, a.ToArray(), b.ToArray(), null, p);
            var asked = new double[n, n];
            for (int k = 0; k < p.Length; k++)
                asked[a[k], b[k]] = p[k];
            var matrix = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 0.5 : (asked[i, j] + 1 - asked[j, i]) / 2);
            contexts[c] = new GameContext(context.Name, context.Weight, context.Responses, matrix);
        }
        return new TabularGame("judge", contexts);
    }
}
